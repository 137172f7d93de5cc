namespace GoMirror.Core.Zip;

/// <summary>How a path collides with one recorded before it.</summary>
internal enum ZipPathCollisionKind
{
    /// <summary>Two different paths are equal under Go's case folding.</summary>
    CaseFold,

    /// <summary>The same path is both a file and a folder.</summary>
    FileAndFolder,

    /// <summary>The same file is listed twice.</summary>
    Duplicate,
}

/// <summary>A collision: <paramref name="Path"/> is the path added or the parent folder of it that collides.</summary>
internal sealed record ZipPathCollision(ZipPathCollisionKind Kind, string Path, string OtherPath);

/// <summary>
/// Go's collision check for module zips (golang.org/x/mod/zip <c>collisionChecker</c>), used both when a zip is
/// checked and when one is built: each path and each of its parent folders is recorded under its
/// <see cref="GoCaseFold"/> key, and a second path under a key collides unless both are the same folder.
/// </summary>
internal sealed class ZipPathCollisions
{
    // A record, not a tuple, as the value: Dictionary code over reference types ships precompiled (finding 13).
    private readonly Dictionary<string, Seen> _seen = new(StringComparer.Ordinal);

    /// <summary>Records <paramref name="path"/> (clean, '/'-separated) and its parents; returns the first collision, or null.</summary>
    public ZipPathCollision? Add(string path, bool isFolder)
    {
        while (true)
        {
            var key = GoCaseFold.Key(path);
            if (_seen.TryGetValue(key, out var other))
            {
                if (other.Path != path)
                {
                    return new ZipPathCollision(ZipPathCollisionKind.CaseFold, path, other.Path);
                }

                if (other.IsFolder != isFolder)
                {
                    return new ZipPathCollision(ZipPathCollisionKind.FileAndFolder, path, other.Path);
                }

                if (!isFolder)
                {
                    return new ZipPathCollision(ZipPathCollisionKind.Duplicate, path, other.Path);
                }
            }
            else
            {
                _seen[key] = new Seen(path, isFolder);
            }

            var slash = path.LastIndexOf('/');
            if (slash < 0)
            {
                return null;
            }

            path = path[..slash];
            isFolder = true;
        }
    }

    private sealed record Seen(string Path, bool IsFolder);
}
