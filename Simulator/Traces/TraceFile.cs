using System.Buffers.Binary;
using System.IO.Compression;
using NodeSim.Files;

namespace NodeSim.Traces;

/// <summary>Opens trace files, plain or gzip-compressed, as streams, with clear errors for the user.</summary>
public static class TraceFile
{
    /// <summary>
    /// Opens <paramref name="path"/> for reading; a gzip file (recognised by its magic bytes, whatever
    /// its name) is decompressed on the fly, so nothing is loaded whole, and checked for truncation.
    /// </summary>
    /// <param name="expected">What the file should be, for messages.</param>
    public static Stream Open(string path, string expected = "a trace file (SWF, or an edge CSV, optionally gzip-compressed)")
    {
        var file = InputFile.OpenRead(path, expected);
        Span<byte> magic = stackalloc byte[2];
        var n = file.Read(magic);
        if (n < 2 || magic[0] != 0x1f || magic[1] != 0x8b)
        {
            if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
                throw new UserInputException(n == 0
                    ? $"{path}: is empty; expected gzip-compressed data (the name ends in .gz)"
                    : $"{path}: is not gzip-compressed data, though its name ends in .gz; decompress it first, or rename it");
            file.Position = 0;
            return new TextGuardStream(file, path);
        }
        // The gzip trailer's last 4 bytes hold the uncompressed size modulo 2^32 (RFC 1952 ISIZE).
        // .NET's GZipStream reads a truncated file without complaint, so compare at the end.
        uint? expectedSize = null;
        if (file.Length >= 18)
        {
            Span<byte> trailer = stackalloc byte[4];
            file.Position = file.Length - 4;
            file.ReadExactly(trailer);
            expectedSize = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        }
        file.Position = 0;
        return new TextGuardStream(new CheckedGzipStream(new GZipStream(file, CompressionMode.Decompress, leaveOpen: false), expectedSize), path);
    }

    /// <summary>
    /// The longest time a trace may give, in seconds (about 31.7 years): the simulated clock counts
    /// nanoseconds in 64 bits (±292 years), and a replay adds waits and slowdowns to trace times.
    /// </summary>
    public const double MaxSeconds = 1e9;

    /// <summary>The longest line a trace may have: no SWF or CSV record comes near it.</summary>
    public const int MaxLineBytes = 1 << 20;

    /// <summary>Turns a failure of the decompressor into a user error that names the file and line.</summary>
    public static UserInputException Corrupt(string path, long line, Exception e) =>
        new($"{path}:{line}: the compressed data is damaged or truncated ({e.Message.TrimEnd('.')}); expected a complete gzip file", e);

    /// <summary>
    /// Refuses what is not a text trace as it is read, before it costs memory: a NUL byte (binary data,
    /// /dev/zero), or a line longer than <see cref="MaxLineBytes"/>. Messages never echo the bytes.
    /// </summary>
    private sealed class TextGuardStream(Stream inner, string path) : ReadOnlyWrapper(inner)
    {
        private long _offset;
        private long _line = 1;
        private long _lineLength;

        public override int Read(Span<byte> buffer)
        {
            var n = Inner.Read(buffer);
            var data = buffer[..n];
            if (data.IndexOf((byte)0) is var nul and >= 0)
                throw new UserInputException($"{path}:{_line + data[..nul].Count((byte)'\n')}: binary data (a NUL byte at offset {_offset + nul:N0}); expected a text trace (SWF, or an edge CSV), optionally gzip-compressed");
            while (!data.IsEmpty)
            {
                var newline = data.IndexOf((byte)'\n');
                var length = newline < 0 ? data.Length : newline;
                if ((_lineLength += length) > MaxLineBytes)
                    throw new UserInputException($"{path}:{_line}: a line longer than {MaxLineBytes:N0} bytes; not a trace (a record is a short line)");
                if (newline < 0) break;
                _line++;
                _lineLength = 0;
                data = data[(newline + 1)..];
            }
            _offset += n;
            return n;
        }

    }

    /// <summary>Counts decompressed bytes and, at the end, checks them against the trailer's size.</summary>
    private sealed class CheckedGzipStream(GZipStream inner, uint? expectedSize) : ReadOnlyWrapper(inner)
    {
        private long _read;

        public override int Read(Span<byte> buffer)
        {
            var n = Inner.Read(buffer);
            _read += n;
            if (n == 0 && buffer.Length > 0 && (expectedSize is null || (uint)_read != expectedSize))
                throw new InvalidDataException("the gzip data ends early (its size does not match the gzip trailer): the file is truncated");
            return n;
        }

    }

    /// <summary>A stream read through once, front to back, that owns the stream it reads from.</summary>
    private abstract class ReadOnlyWrapper(Stream inner) : Stream
    {
        protected Stream Inner { get; } = inner;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) Inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
