"""One exception base for the project; the app and the CLI catch it and show its message."""

__all__ = ["InputError", "KnowledgeBaseError", "ProjectError"]


class ProjectError(Exception):
    """Base of every error this project raises on purpose; its message is meant for a person."""


class KnowledgeBaseError(ProjectError):
    """The curated knowledge base is inconsistent; the message says what to fix."""


class InputError(ProjectError):
    """A user's file or typed entry cannot be read; the message says why, in one line."""
