using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Honeydipper.Testing;

/// <summary>
/// The Redis protocol (RESP2) by hand, as a driver written in another language would speak it: commands are arrays of
/// bulk strings; replies come back as string, long, null, <see cref="RespError"/> or a list of those.
/// </summary>
internal sealed class RespClient : IDisposable
{
    private readonly TcpClient _client = new();
    private Stream _stream = Stream.Null;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    public static async Task<RespClient> ConnectAsync(int port)
    {
        RespClient client = new();
        await client._client.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
        client._stream = client._client.GetStream();
        return client;
    }

    public async Task<object?> CallAsync(params string[] args)
    {
        StringBuilder request = new($"*{args.Length}\r\n");
        foreach (string arg in args)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(arg).ToString(CultureInfo.InvariantCulture)).Append("\r\n").Append(arg).Append("\r\n");
        }

        await _stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString())).ConfigureAwait(false);
        return await ReadReplyAsync().ConfigureAwait(false);
    }

    public void Dispose() => _client.Dispose();

    private async Task<object?> ReadReplyAsync()
    {
        string line = await ReadLineAsync().ConfigureAwait(false);
        string rest = line[1..];
        switch (line[0])
        {
            case '+':
                return rest;
            case '-':
                return new RespError(rest);
            case ':':
                return long.Parse(rest, CultureInfo.InvariantCulture);
            case '$':
                int length = int.Parse(rest, CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return null;
                }

                byte[] bytes = await ReadBytesAsync(length + 2).ConfigureAwait(false);
                return Encoding.UTF8.GetString(bytes, 0, length);
            case '*':
                int count = int.Parse(rest, CultureInfo.InvariantCulture);
                if (count < 0)
                {
                    return null;
                }

                List<object?> items = new(count);
                for (int i = 0; i < count; i++)
                {
                    items.Add(await ReadReplyAsync().ConfigureAwait(false));
                }

                return items;
            default:
                throw new InvalidDataException($"unexpected RESP reply: {line}");
        }
    }

    private async Task<string> ReadLineAsync()
    {
        while (true)
        {
            int newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline > _start && _buffer[newline - 1] == '\r')
            {
                string line = Encoding.UTF8.GetString(_buffer, _start, newline - 1 - _start);
                _start = newline + 1;
                return line;
            }

            await FillAsync().ConfigureAwait(false);
        }
    }

    private async Task<byte[]> ReadBytesAsync(int count)
    {
        byte[] result = new byte[count];
        int copied = 0;
        while (copied < count)
        {
            if (_start == _end)
            {
                await FillAsync().ConfigureAwait(false);
            }

            int take = Math.Min(count - copied, _end - _start);
            Array.Copy(_buffer, _start, result, copied, take);
            _start += take;
            copied += take;
        }

        return result;
    }

    private async Task FillAsync()
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            throw new InvalidDataException("a RESP line longer than the buffer");
        }

        int read = await _stream.ReadAsync(_buffer.AsMemory(_end)).ConfigureAwait(false);
        if (read == 0)
        {
            throw new IOException("Redis closed the connection");
        }

        _end += read;
    }
}

internal sealed record RespError(string Message);
