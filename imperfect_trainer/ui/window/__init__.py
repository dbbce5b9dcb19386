"""The main window: starting the app, the page catalogue and stack, the sidebar and menus, and the
practice flow that moves between screens."""
