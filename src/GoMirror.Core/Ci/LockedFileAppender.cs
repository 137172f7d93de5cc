using System.Text;

namespace GoMirror.Core.Ci;

/// <summary>How an append to a shared CI file went.</summary>
internal enum AppendOutcome
{
    /// <summary>All text was appended.</summary>
    Appended,

    /// <summary>Part of the text was appended, followed by the truncation note, to stay within the size limit.</summary>
    Truncated,

    /// <summary>Nothing was appended: the file was already at its size limit.</summary>
    Full,

    /// <summary>Nothing was appended: another writer held the lock until the timeout.</summary>
    LockTimeout,

    /// <summary>Nothing was appended: the file could not be opened or written.</summary>
    Failed,
}

/// <summary>
/// Appends to files that several processes write at once (<c>GITHUB_STEP_SUMMARY</c>, <c>GITHUB_OUTPUT</c>,
/// <c>GITHUB_ENV</c>; parallel MSBuild nodes, matrix steps). The file is opened with
/// <see cref="FileShare.None"/> (an exclusive lock on every OS .NET runs on), a missing final newline of an
/// earlier writer is repaired first so lines never run together, and the text goes out in one write.
/// </summary>
internal static class LockedFileAppender
{
    /// <summary>Appends <paramref name="text"/> to <paramref name="path"/>.</summary>
    /// <param name="path">The file; created when missing (its folder must exist).</param>
    /// <param name="text">The text; UTF-8 without BOM.</param>
    /// <param name="maxFileBytes">The file must stay strictly below this size; the text is cut at a line
    /// boundary and <paramref name="truncationNote"/> added when it would not. Null: no limit.</param>
    /// <param name="truncationNote">The line that says text was cut.</param>
    /// <param name="timeout">How long to wait for the lock.</param>
    /// <param name="error">The I/O error when the outcome is <see cref="AppendOutcome.Failed"/>.</param>
    public static AppendOutcome Append(string path, string text, long? maxFileBytes, string truncationNote, TimeSpan timeout, out string? error)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(truncationNote);
        error = null;
        var deadline = DateTime.UtcNow + timeout;
        var delay = 2;
        while (true)
        {
            FileStream stream;
            try
            {
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or PathTooLongException)
            {
                error = e.Message;
                return AppendOutcome.Failed;
            }
            catch (IOException e)
            {
                // Held by another writer (sharing violation / lock): wait and retry until the deadline.
                if (DateTime.UtcNow >= deadline)
                {
                    error = e.Message;
                    return AppendOutcome.LockTimeout;
                }

                Thread.Sleep(Random.Shared.Next(1, delay + 1));
                delay = Math.Min(delay * 2, 50);
                continue;
            }

            using (stream)
            {
                try
                {
                    return AppendLocked(stream, text, maxFileBytes, truncationNote);
                }
                catch (IOException e)
                {
                    error = e.Message;
                    return AppendOutcome.Failed;
                }
            }
        }
    }

    private static AppendOutcome AppendLocked(FileStream stream, string text, long? maxFileBytes, string truncationNote)
    {
        var length = stream.Length;
        var prefix = string.Empty;
        if (length > 0)
        {
            stream.Seek(-1, SeekOrigin.End);
            if (stream.ReadByte() != '\n')
            {
                prefix = "\n";
            }
        }

        var bytes = Encoding.UTF8.GetBytes(prefix + text);
        var outcome = AppendOutcome.Appended;
        if (maxFileBytes is { } max && length + bytes.Length >= max)
        {
            var note = Encoding.UTF8.GetBytes(prefix + truncationNote.TrimEnd('\n') + "\n");
            var room = max - 1 - length - note.Length;
            if (room < 0)
            {
                return AppendOutcome.Full;
            }

            var body = Encoding.UTF8.GetBytes(text);
            var cut = CutAtLine(body, (int)Math.Min(room, body.Length));
            bytes = [.. Encoding.UTF8.GetBytes(prefix), .. body.AsSpan(0, cut), .. note.AsSpan(prefix.Length)];
            outcome = AppendOutcome.Truncated;
        }

        stream.Seek(0, SeekOrigin.End);
        stream.Write(bytes);
        stream.Flush(flushToDisk: false);
        return outcome;
    }

    // The longest prefix of at most 'limit' bytes that ends with a complete line, so no Markdown row or
    // UTF-8 character is cut in half.
    private static int CutAtLine(byte[] body, int limit)
    {
        if (limit >= body.Length)
        {
            return body.Length;
        }

        var newline = Array.LastIndexOf(body, (byte)'\n', Math.Max(limit - 1, 0), limit);
        return newline < 0 ? 0 : newline + 1;
    }
}
