"""The screening interview on screen: the wizard, its dialogs and the case summary."""
