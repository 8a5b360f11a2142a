using System.Diagnostics;
using System.Text;

namespace Honeydipper.KubeApi.Emulator.Tests.Kubectl;

/// <summary>
/// Runs the machine's real kubectl against an emulator. The tests fail (never skip) when no kubectl is found:
/// the image ships one, and Debian's kubernetes-client package provides another.
/// </summary>
internal sealed class KubectlTool(string kubeconfig, string cacheDir)
{
    public static string Find()
    {
        string? fromPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "kubectl"))
            .FirstOrDefault(File.Exists);
        return fromPath ?? (File.Exists("/usr/bin/kubectl") ? "/usr/bin/kubectl"
            : throw new InvalidOperationException("kubectl not found on PATH: install it (Debian: apt-get install kubernetes-client)"));
    }

    /// <summary>Runs kubectl to completion.</summary>
    public async Task<KubectlResult> RunAsync(params string[] args)
    {
        using Running process = Start(args);
        return await process.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Starts kubectl and leaves it running (for delete, wait and get -w, which block).</summary>
    public Running Start(params string[] args)
    {
        ProcessStartInfo info = new(Find())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "--kubeconfig", kubeconfig, "--cache-dir", cacheDir }.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        return new Running(Process.Start(info)!, string.Join(' ', args));
    }

    /// <summary>A kubectl process and what it printed so far.</summary>
    internal sealed class Running : IDisposable
    {
        private readonly Process process;
        private readonly string command;
        private readonly StringBuilder stdout = new();
        private readonly StringBuilder stderr = new();

        public Running(Process process, string command)
        {
            this.process = process;
            this.command = command;
            process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
            process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.StandardInput.Close();
        }

        public bool HasExited => process.HasExited;

        public string Output
        {
            get
            {
                lock (stdout)
                {
                    return stdout.ToString();
                }
            }
        }

        public async Task<KubectlResult> WaitAsync(TimeSpan timeout)
        {
            using CancellationTokenSource cts = new(timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"kubectl {command} did not finish in {timeout}: {stdout}{stderr}");
            }

            process.WaitForExit();
            lock (stdout)
            {
                lock (stderr)
                {
                    return new KubectlResult(process.ExitCode, stdout.ToString(), stderr.ToString());
                }
            }
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }

        private static void Append(StringBuilder sb, string? line)
        {
            if (line is not null)
            {
                lock (sb)
                {
                    sb.Append(line).Append('\n');
                }
            }
        }
    }
}
