using System.Diagnostics;
using System.Text.RegularExpressions;
using Honeydipper.Bus;
using Honeydipper.Bus.Protocol;
using Honeydipper.Bus.Redis;
using Honeydipper.Drivers.Sdk;

namespace Honeydipper.Cli.Tests;

public sealed partial class LocalModeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hd-local-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The README's first command, as a newcomer meets it: the quickstart answers the printed curl with a run.</summary>
    [Fact]
    public async Task The_quickstart_runs_in_process_and_greets_through_the_printed_webhook()
    {
        await using LocalProcess local = LocalProcess.Start(Path.Combine(RepoPaths.RepoRoot, "examples", "quickstart"), "127.0.0.1:0");
        string curl = await local.WaitForLineAsync(l => l.Contains("try: curl", StringComparison.Ordinal));
        string url = UrlPattern().Match(curl).Value;
        using HttpClient http = new();
        HttpResponseMessage answer = await http.PostAsync(url, new StringContent("{\"name\": \"Ada\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(200, (int)answer.StatusCode);
        await local.WaitForLineAsync(l => l.Contains("[echo] Hello, Ada!", StringComparison.Ordinal));
        await local.WaitForLineAsync(l => l.Contains("[echo] Bonjour, Ada!", StringComparison.Ordinal));
        await local.WaitForLineAsync(l => l.Contains("Succeeded", StringComparison.Ordinal) && l.Contains("{\"greeted\":\"Ada\"}", StringComparison.Ordinal));
        Assert.Equal(404, (int)(await http.PostAsync(new Uri(new Uri(url), "/nothing"), null)).StatusCode);
        string api = UrlPattern().Match(await local.WaitForLineAsync(l => l.StartsWith("api: ", StringComparison.Ordinal))).Value;
        string runs = await http.GetStringAsync(api);
        Assert.Contains("\"phase\":\"Succeeded\"", runs, StringComparison.Ordinal);
        Assert.Contains("\"greeted\":\"Ada\"", runs, StringComparison.Ordinal);
    }

    /// <summary>
    /// A local --redis process running 200 workflows that wait on driver calls is killed with SIGKILL mid-flight; a new
    /// process resumes them and every run completes exactly once.
    /// </summary>
    [Fact]
    public async Task Runs_survive_a_SIGKILL_of_the_engine_process_and_complete_exactly_once()
    {
        File.WriteAllText(Path.Combine(_dir, "init.yaml"), """
            drivers: {worker: {}}
            rules:
              - when: {driver: test, rawevent: go}
                do:
                  steps:
                    - call_driver: worker.do
                      with: {step: one}
                    - call_driver: worker.do
                      with: {step: two}
            """);
        await using RedisServer redis = await RedisServer.StartAsync();
        await using RedisMessageBus bus = await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = redis.Configuration });
        HashSet<string> commands = [];
        int served = 0;
        using DriverHost worker = new(bus, new DriverHostOptions { Namespace = "local", Driver = "worker", Instance = "worker-1", MaxConcurrency = 8 });
        worker.Handle("do", async (ctx, ct) =>
        {
            lock (commands)
            {
                commands.Add(ctx.Command.CommandId);
                served++;
            }

            await Task.Yield();
            return CommandResult.Success();
        });

        await using LocalProcess first = LocalProcess.Start(_dir, "127.0.0.1:0", redis.Configuration);
        await first.WaitForLineAsync(l => l.StartsWith("runs (Ctrl-C", StringComparison.Ordinal));
        for (int i = 0; i < 200; i++)
        {
            await bus.PublishAsync(StreamName.Events("local"), new BusEvent($"event-{i}", "test", "go", new Dictionary<string, string>(), new Dictionary<string, object?> { ["n"] = (double)i }).ToMessage());
        }

        using CancellationTokenSource stopWorker = new();
        Task working = worker.RunAsync(stopWorker.Token);
        await Poll.UntilAsync(() =>
        {
            lock (commands)
            {
                return served >= 150;
            }
        }, "the worker to serve 150 commands", TimeSpan.FromSeconds(60));
        first.Kill(); // SIGKILL, mid-flight
        string firstOutput = await first.OutputAfterExitAsync();

        await using LocalProcess second = LocalProcess.Start(_dir, "127.0.0.1:0", redis.Configuration);
        await Poll.UntilAsync(() => Succeeded(firstOutput + second.Output).Count >= 200, "200 runs to succeed", TimeSpan.FromSeconds(90));
        await Poll.UntilAsync(async () => (await bus.HashGetAllAsync(BusKeys.EngineSessions("local"))).Count == 0, "no session left");
        await stopWorker.CancelAsync();
        await working;

        List<string> succeeded = Succeeded(firstOutput + second.Output);
        Assert.Equal(200, succeeded.Count);
        Assert.Equal(200, succeeded.Distinct().Count());
        Assert.Equal(400, commands.Count); // two calls per run, each command once as far as its id goes
        Assert.Contains("Succeeded", second.Output, StringComparison.Ordinal);
    }

    private static List<string> Succeeded(string output) => [.. SucceededLine().Matches(output).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"run (\d+)\s+\S.*?\s+Succeeded")]
    private static partial Regex SucceededLine();

    [GeneratedRegex(@"http://\S+")]
    private static partial Regex UrlPattern();
}
