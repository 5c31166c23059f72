"""Administration in the app: a förbund's kansli manage its users (invite by e-mail, change
role, deactivate), and a systemadministratör creates, renames and deactivates förbund and
invites each one's first kansli user. Ground floor: imports no app (a steering group's
insatser are assigned in `insatser.styrgrupp`)."""
