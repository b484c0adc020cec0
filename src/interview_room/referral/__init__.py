"""Referral forms into the National Referral Mechanism: content, layout, signatures."""
