"""A calm, readable look: warm background, one muted accent, large type, visible focus."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

ACCENT = "#2f5d62"
ACCENT_DARK = "#234a4e"
BACKGROUND = "#f6f4f0"
SURFACE = "#ffffff"
TEXT = "#1f2933"
MUTED = "#52606d"
BORDER = "#d5d0c8"
TRAINING = "#b45309"
DANGER = "#9b2c2c"
FOCUS = "#d97706"

BASE_POINT_SIZE = 12

STYLE_SHEET = f"""
QWidget {{ color: {TEXT}; }}
QMainWindow, QDialog, QStackedWidget > QWidget {{ background: {BACKGROUND}; }}
QLabel[role="heading"] {{ font-size: 22pt; font-weight: 600; color: {TEXT}; }}
QLabel[role="subheading"] {{ font-size: 14pt; color: {MUTED}; }}
QLabel[role="hint"] {{ color: {MUTED}; }}
QLabel[role="error"] {{ color: {DANGER}; font-weight: 600; }}
QLabel[role="station"] {{ font-size: 13pt; font-weight: 600; color: {ACCENT_DARK}; }}
QLabel[role="secret"] {{
    font-family: "DejaVu Sans Mono", "Noto Sans Mono", monospace;
    font-size: 16pt; background: {SURFACE}; border: 1px solid {BORDER};
    border-radius: 6px; padding: 12px;
}}
QFrame[role="card"] {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 10px;
}}
QFrame[role="card"] QLabel, QFrame[role="card"] QCheckBox {{ background: transparent; }}
QFrame[role="question"], QFrame[role="suggestion"] {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 10px;
}}
QFrame[role="suggestion"] {{ border-left: 6px solid {ACCENT}; }}
QFrame[role="question"] QLabel, QFrame[role="question"] QRadioButton,
QFrame[role="question"] QCheckBox, QFrame[role="suggestion"] QLabel {{ background: transparent; }}
QLabel[role="question-title"] {{ font-size: 13pt; font-weight: 600; }}
QLabel[role="person"] {{
    font-size: 15pt; color: {TEXT}; background: #eef4f4; border-radius: 6px; padding: 10px 12px;
}}
QLabel[role="person-large"] {{
    font-size: 18pt; line-height: 140%; color: {TEXT}; background: #eef4f4;
    border-radius: 8px; padding: 18px;
}}
QLabel[role="guidance"] {{ color: {MUTED}; font-style: italic; }}
QLabel[role="tag"] {{
    background: #fdecc8; color: #7a4a00; border-radius: 4px; padding: 2px 8px; font-weight: 600;
}}
QRadioButton, QCheckBox {{ padding: 3px 0; spacing: 8px; }}
QRadioButton::indicator, QCheckBox::indicator {{
    width: 16px; height: 16px; border: 2px solid {MUTED}; background: {SURFACE};
}}
QRadioButton::indicator {{ border-radius: 10px; }}
QCheckBox::indicator {{ border-radius: 4px; }}
QRadioButton::indicator:checked, QCheckBox::indicator:checked {{
    background: {ACCENT}; border: 2px solid {ACCENT_DARK};
}}
QRadioButton::indicator:focus, QCheckBox::indicator:focus {{ border: 2px solid {FOCUS}; }}
QRadioButton:focus, QCheckBox:focus {{ color: {ACCENT_DARK}; text-decoration: underline; }}
QListWidget {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 8px; padding: 4px;
}}
QListWidget::item {{ padding: 8px 6px; }}
QListWidget::item:selected {{ background: #cfe0e1; color: {TEXT}; }}
QListWidget:focus {{ border: 2px solid {FOCUS}; }}
QPlainTextEdit {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px; }}
QPlainTextEdit:focus {{ border: 2px solid {FOCUS}; }}
QFrame[role="training"] {{ background: {TRAINING}; }}
QFrame[role="training"] QLabel {{ color: white; background: transparent; font-weight: 600; }}
QFrame[role="header"] {{ background: {SURFACE}; border-bottom: 1px solid {BORDER}; }}
QFrame[role="header"] QLabel {{ background: transparent; }}
QWidget[role="lock"] {{ background: {ACCENT_DARK}; }}
QWidget[role="lock"] QLabel {{ color: white; background: transparent; }}
QLineEdit, QComboBox, QSpinBox {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px;
    padding: 6px 8px; min-height: 24px;
}}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus {{ border: 2px solid {FOCUS}; }}
QPushButton {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px;
    padding: 8px 16px; min-height: 24px;
}}
QPushButton:hover {{ border-color: {ACCENT}; }}
QPushButton:focus {{ border: 2px solid {FOCUS}; }}
QPushButton:disabled {{ color: #9aa5b1; }}
QPushButton[role="primary"] {{
    background: {ACCENT}; color: white; border: 1px solid {ACCENT_DARK}; font-weight: 600;
}}
QPushButton[role="primary"]:hover {{ background: {ACCENT_DARK}; }}
QPushButton[role="primary"]:focus {{ border: 2px solid {FOCUS}; }}
QPushButton[role="primary"]:disabled {{ background: #9fb3b5; color: white; }}
QCommandLinkButton {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 10px; padding: 12px;
    font-size: 14pt; color: {ACCENT_DARK};
}}
QCommandLinkButton:hover {{ background: #eef4f4; border-color: {ACCENT}; }}
QCommandLinkButton:focus {{ border: 2px solid {FOCUS}; }}
QPushButton:checked {{ background: {ACCENT}; color: white; border-color: {ACCENT_DARK}; }}
QTableView {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px;
    gridline-color: #ece8e1; selection-background-color: #cfe0e1; selection-color: {TEXT};
    alternate-background-color: #faf8f5;
}}
QTableView:focus {{ border: 2px solid {FOCUS}; }}
QHeaderView::section {{
    background: #ece8e1; color: {TEXT}; padding: 6px; border: none; font-weight: 600;
}}
"""


def apply_theme(app: QApplication) -> None:
    font = QFont()
    font.setFamilies(["Noto Sans", "DejaVu Sans", "Segoe UI", "Arial"])
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    app.setStyle("Fusion")
    app.setStyleSheet(STYLE_SHEET)
