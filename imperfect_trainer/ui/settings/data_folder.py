"""Settings' "Your data": the folder where the app keeps everything, and a button to open it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QVBoxLayout, QWidget

from imperfect_trainer.translation import _
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.common.reflow import FlowRow


class DataFolderPanel(QWidget):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        # The path may break after any folder, so a long one wraps instead of running off.
        self.folder = widgets.label(widgets.breakable_path(str(data_dir)), wrap=True)
        self.folder.setAccessibleName(_("Data folder"))
        self.folder.setAccessibleDescription(str(data_dir))
        self.open_button = widgets.button(_("Open folder"))
        self.open_button.setAccessibleName(_("Open the data folder"))
        self.open_button.setToolTip(_("Open this folder in your file manager"))
        self.open_button.clicked.connect(self.open_folder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            widgets.label(
                _("Everything the app keeps is in this folder, readable by you alone:"),
                role="muted",
                wrap=True,
            )
        )
        row = FlowRow(spacing=12)
        row.add(self.folder, self.open_button, grow=self.folder)
        layout.addLayout(row)

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))
