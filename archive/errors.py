"""Domain exceptions. Library code raises these; only the CLI turns them into messages and exit codes."""


class ArchiveError(Exception):
    """Base class for every error the archive reports to a user as one line."""


class InputError(ArchiveError):
    """A file or record could not be read or normalized (bad encoding, binary, empty...)."""


class NoArticles(ArchiveError):
    """A readable file that holds no article (a WARC of images only): skipped, not failed."""


class UsageError(ArchiveError):
    """The caller asked for something impossible (bad query, unknown table, bad option value)."""


class QueryError(UsageError):
    """A search query the full-text engine rejects."""


class QueryTooExpensive(UsageError):
    """A query over the size or nesting bounds, or one that ran past its time limit: narrow it."""


class DatabaseError(ArchiveError):
    """The database cannot be opened, is locked, read-only, corrupt or newer than this code."""


class DatabaseTooNew(DatabaseError):
    """The database was written by a newer version of the archive than this one."""


class NotAnArchive(DatabaseError):
    """The file is not an archive (another SQLite database, or not SQLite): left untouched."""


class DatabaseCorrupt(DatabaseError):
    """SQLite found the database file damaged."""


class DiskFull(DatabaseError):
    """The disk (or the database's size limit) is full."""


class MissingExtra(ArchiveError):
    """An optional part of the archive is not installed (Datasette for ``archive serve``)."""


class CannotListen(ArchiveError):
    """``archive serve`` cannot listen on the address asked for (in use, or not this machine's)."""
