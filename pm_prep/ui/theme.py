"""Light and dark palettes on the Fusion style, so both look the same on every platform."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

# Colours used by custom-painted widgets and charts, per theme: (light, dark).
ACCENT = ("#2563eb", "#60a5fa")
WARNING = ("#b45309", "#fbbf24")
DANGER = ("#b91c1c", "#f87171")
SUCCESS = ("#15803d", "#4ade80")
MUTED_TEXT = ("#5b6472", "#a3acb9")
# Seven distinguishable series colours (Okabe-Ito based), readable on light and dark.
SERIES = (
    ("#0072b2", "#56b4e9"),
    ("#d55e00", "#ff8c42"),
    ("#009e73", "#2ed3a0"),
    ("#cc79a7", "#f0a3cf"),
    ("#8a6d00", "#f0e442"),
    ("#5d3a9b", "#b79cf0"),
    ("#333333", "#e6e6e6"),
)
HEAT = (
    ("#ebedf0", "#2d333b"),
    ("#b6d4f7", "#1e3a5f"),
    ("#7aaef0", "#2f5f9e"),
    ("#3b82f6", "#4a86d8"),
    ("#1d4ed8", "#8ab8ff"),
)


def is_dark() -> bool:
    """Whether the application currently shows a dark palette."""
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    return window.lightness() < 128


def pick(pair: tuple[str, str]) -> QColor:
    """The light or dark variant of a colour pair for the current palette."""
    return QColor(pair[1] if is_dark() else pair[0])


def _dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor("#1e2228"), QColor("#262b33"), QColor("#e6e9ee")
    p.setColor(QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, QColor("#2b313a"))
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor("#333a44"))
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8b95a3"))
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.Button, QColor("#303641"))
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.BrightText, QColor("#ff6b6b"))
    p.setColor(QPalette.ColorRole.Link, QColor(ACCENT[1]))
    p.setColor(QPalette.ColorRole.Highlight, QColor("#3b6fd8"))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.Mid, QColor("#3a414c"))
    p.setColor(QPalette.ColorRole.Dark, QColor("#15181c"))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#707985"))
    return p


def _light_palette() -> QPalette:
    p = QPalette()
    p.setColor(QPalette.ColorRole.Window, QColor("#f4f5f7"))
    p.setColor(QPalette.ColorRole.WindowText, QColor("#1b1f24"))
    p.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.AlternateBase, QColor("#f0f2f5"))
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.ToolTipText, QColor("#1b1f24"))
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#7a828e"))
    p.setColor(QPalette.ColorRole.Text, QColor("#1b1f24"))
    p.setColor(QPalette.ColorRole.Button, QColor("#e9ecf0"))
    p.setColor(QPalette.ColorRole.ButtonText, QColor("#1b1f24"))
    p.setColor(QPalette.ColorRole.Link, QColor(ACCENT[0]))
    p.setColor(QPalette.ColorRole.Highlight, QColor("#2563eb"))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#9aa1ab"))
    return p


# Fusion draws the frame of a field and the box of a check box or radio button in the
# palette's Window colour darkened by 140%. On the dark palette that is darker than the
# fields themselves, so the frames vanished. These classes get a palette whose Window colour
# makes Fusion's frame this colour: at least 3:1 against the page and the field (WCAG 1.4.11).
FIELD_FRAME = ("#868d98", "#7b8594")
_FRAMED = (
    "QCheckBox",
    "QRadioButton",
    "QAbstractSpinBox",  # spin boxes and date edits
    "QLineEdit",
    "QComboBox",
    "QTextEdit",
    "QPlainTextEdit",
)


def _framed_palette(dark: bool, frame: str) -> QPalette:
    """The theme's palette with the Window colour that makes Fusion's field frames `frame`."""
    # Built afresh, not copied: QPalette(palette) makes PySide6 weigh the QPalette(Qt.GlobalColor)
    # overload, which builds the whole `Qt` namespace (40 ms) on the way to the first paint.
    framed = _dark_palette() if dark else _light_palette()
    framed.setColor(QPalette.ColorRole.Window, QColor(frame).lighter(140))
    return framed


_platform_window_lightness: int | None = None


def _system_is_dark(app: QApplication) -> bool:
    """Whether the desktop uses a dark scheme, judged from the palette the platform gave Qt.

    Read from the palette rather than styleHints().colorScheme(): that returns a `Qt` enum,
    and the first touch of one builds the whole namespace (about 14 ms), which start-up can
    do without. Remembered from the first call, before our own palette replaces it.
    """
    global _platform_window_lightness
    if _platform_window_lightness is None:
        _platform_window_lightness = app.palette().color(QPalette.ColorRole.Window).lightness()
    return _platform_window_lightness < 128


_started_on_fusion = False


def fusion_arguments() -> list[str]:
    """Arguments for a new QApplication that starts on Fusion (before `apply_theme`).

    `QApplication.setStyle` returns the new QStyle, and PySide6 builds that class's Python
    enums on the way (about 13 ms, measured): a style named at construction costs nothing.
    """
    global _started_on_fusion
    _started_on_fusion = True
    return ["-style", "Fusion"]


def apply_theme(app: QApplication, theme: str) -> None:
    """Apply 'light', 'dark' or 'system' (follow the desktop's colour scheme)."""
    _system_is_dark(app)  # remember the platform's palette before replacing it
    if not _started_on_fusion:
        app.setStyle("Fusion")
    if theme == "system":
        theme = "dark" if _system_is_dark(app) else "light"
    palette = _dark_palette() if theme == "dark" else _light_palette()
    app.setPalette(palette)
    dark = theme == "dark"
    framed = _framed_palette(dark, FIELD_FRAME[1] if dark else FIELD_FRAME[0])
    for class_name in _FRAMED:
        # PySide6 takes the class name as a str at run time; its stubs say bytes (refused).
        app.setPalette(framed, class_name)  # type: ignore[arg-type]
    app.setStyleSheet(_STYLE)


_STYLE = """
QLabel#pageTitle { font-size: 20px; font-weight: 600; }
QLabel#questionPrompt { font-size: 16px; }
QLabel[role="muted"] { color: palette(placeholder-text); }
QFrame[role="card"] {
    background: palette(base); border: 1px solid palette(mid); border-radius: 8px;
}
QListWidget#navigation { border: none; font-size: 14px; padding-top: 8px; outline: 0; }
QListWidget#navigation::item {
    padding: 10px 14px; border-radius: 6px; margin: 2px 6px; color: palette(window-text);
}
QListWidget#navigation::item:hover { background: palette(alternate-base); }
QListWidget#navigation::item:selected, QListWidget#navigation::item:selected:active,
QListWidget#navigation::item:selected:!active {
    background: palette(highlight); color: palette(highlighted-text); border: none;
}
QToolButton:checked { background: palette(highlight); color: palette(highlighted-text);
    border-radius: 4px; }
"""
