using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Honeydipper.Testing;

/// <summary>
/// A real redis-server (Debian's package) on a free loopback port, with its own temporary folder, for one test or
/// one test class. It can be stopped and started again on the same port and folder to test restarts.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hd-redis-").FullName;
    private readonly bool _persistent;
    private Process? _process;

    private RedisServer(int port, bool persistent)
    {
        Port = port;
        _persistent = persistent;
    }

    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port},connectTimeout=2000,syncTimeout=5000,asyncTimeout=5000";

    /// <param name="persistent">Write an append-only file, so that a restart keeps the data.</param>
    public static async Task<RedisServer> StartAsync(bool persistent = false)
    {
        RedisServer server = new(FreePort(), persistent);
        await server.StartProcessAsync().ConfigureAwait(false);
        return server;
    }

    /// <summary>Shuts the server down cleanly (it saves its data when persistent) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            await CommandAsync(_persistent ? "SHUTDOWN SAVE" : "SHUTDOWN NOSAVE").ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The server closes the connection as it shuts down.
        }
        catch (SocketException)
        {
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.Dispose();
        _process = null;
    }

    /// <summary>Kills the server (SIGKILL, no chance to save) and waits for it to exit; with <c>persistent</c> the
    /// append-only file, synced on every write, still holds everything it acknowledged.</summary>
    public async Task KillAsync()
    {
        if (_process is null)
        {
            return;
        }

        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts the server again on the same port and folder.</summary>
    public Task RestartAsync() => StartProcessAsync();

    /// <summary>Sends one command (space-separated words) and returns the raw reply.</summary>
    public async Task<string> CommandAsync(string command)
    {
        using TcpClient client = new();
        await client.ConnectAsync(IPAddress.Loopback, Port).ConfigureAwait(false);
        NetworkStream stream = client.GetStream();
        string[] words = command.Split(' ');
        StringBuilder resp = new($"*{words.Length}\r\n");
        foreach (string word in words)
        {
            resp.Append('$').Append(Encoding.UTF8.GetByteCount(word)).Append("\r\n").Append(word).Append("\r\n");
        }

        byte[] bytes = Encoding.UTF8.GetBytes(resp.ToString());
        await stream.WriteAsync(bytes).ConfigureAwait(false);
        byte[] buffer = new byte[4096];
        int read = await stream.ReadAsync(buffer).ConfigureAwait(false);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary folder does not fail a test.
        }
    }

    private async Task StartProcessAsync()
    {
        string executable = File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server";
        ProcessStartInfo info = new(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in (string[])["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--dir", _dir, "--save", string.Empty, "--appendonly", _persistent ? "yes" : "no", "--appendfsync", "always",
            "--protected-mode", "no", "--daemonize", "no", "--loglevel", "warning"])
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start; install it with apt-get install -y redis-server");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Poll.UntilAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode}");
            }

            try
            {
                return (await CommandAsync("PING").ConfigureAwait(false)).StartsWith("+PONG", StringComparison.Ordinal);
            }
            catch (SocketException)
            {
                return false;
            }
            catch (IOException)
            {
                return false;
            }
        }, $"redis-server on port {Port}").ConfigureAwait(false);
    }

    private static int FreePort()
    {
        using TcpListener listener = new(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
