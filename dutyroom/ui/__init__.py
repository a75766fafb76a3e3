"""PySide6 widgets, pages, dialogs and Qt item models. Calls services, never the database."""
