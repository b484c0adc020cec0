"""Interview Room: trauma-informed screening and referral for Albania's border interview rooms."""

__version__ = "0.1.0"
