"""Printable documents: shared fonts, right-to-left text, and the person's information sheet.

Plain Python and reportlab only (no Qt): the GUI, the command line and the tests render the
same bytes.
"""
