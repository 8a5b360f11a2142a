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
        string id = System.Text.Json.JsonDocument.Parse(runs).RootElement.GetProperty("items")[0].GetProperty("id").GetString()!;
        string run = await http.GetStringAsync($"{api}/{id}"); // one run, with its steps and exports
        Assert.Contains("\"greeted\":\"Ada\"", run, StringComparison.Ordinal);
    }

    /// <summary>The README's tour, step 3: an edit applies while it runs; a broken edit is reported and changes nothing.</summary>
    [Fact]
    public async Task Editing_the_configuration_applies_live_and_a_broken_edit_keeps_the_last_good_one()
    {
        foreach (string file in Directory.EnumerateFiles(Path.Combine(RepoPaths.RepoRoot, "examples", "quickstart")))
        {
            File.Copy(file, Path.Combine(_dir, Path.GetFileName(file)));
        }

        string workflows = Path.Combine(_dir, "workflows.yaml");
        await using LocalProcess local = LocalProcess.Start(_dir, "127.0.0.1:0", watch: true);
        string url = UrlPattern().Match(await local.WaitForLineAsync(l => l.Contains("try: curl", StringComparison.Ordinal))).Value;
        using HttpClient http = new();

        File.WriteAllText(workflows, File.ReadAllText(workflows).Replace("greeting: Bonjour", "greeting: Hola", StringComparison.Ordinal));
        await local.WaitForLineAsync(l => l.StartsWith("configuration reloaded", StringComparison.Ordinal));
        await http.PostAsync(url, new StringContent("{\"name\": \"Ada\"}", System.Text.Encoding.UTF8, "application/json"));
        await local.WaitForLineAsync(l => l.Contains("[echo] Hola, Ada!", StringComparison.Ordinal));

        File.WriteAllText(workflows, File.ReadAllText(workflows).Replace("greeting: Hola", "greeting: [Hallo", StringComparison.Ordinal));
        await local.WaitForLineAsync(l => l.StartsWith("workflows.yaml:", StringComparison.Ordinal)); // file and line of the mistake
        await local.WaitForLineAsync(l => l.Contains("the previous one stays in force", StringComparison.Ordinal));
        await http.PostAsync(url, new StringContent("{\"name\": \"Bob\"}", System.Text.Encoding.UTF8, "application/json"));
        await local.WaitForLineAsync(l => l.Contains("[echo] Hola, Bob!", StringComparison.Ordinal));
    }

    /// <summary>A Git URL as --config: the repository is synced, and a new commit pushed to the branch is picked up and applied.</summary>
    [Fact]
    public async Task A_git_url_as_config_is_synced_and_a_pushed_commit_applies_live()
    {
        using GitRepo repo = GitRepo.Create();
        repo.CommitFolder("quickstart", Path.Combine(RepoPaths.RepoRoot, "examples", "quickstart"));
        await using LocalProcess local = LocalProcess.Start(repo.Url, "127.0.0.1:0", watch: true, extra: ["--poll", "200ms"],
            environment: new Dictionary<string, string> { ["XDG_CACHE_HOME"] = Path.Combine(_dir, "cache") });
        await local.WaitForLineAsync(l => l.StartsWith("Honeydipper local: " + repo.Url, StringComparison.Ordinal));
        string url = UrlPattern().Match(await local.WaitForLineAsync(l => l.Contains("try: curl", StringComparison.Ordinal))).Value;

        string workflows = File.ReadAllText(Path.Combine(repo.Work, "workflows.yaml"));
        string commit = repo.Commit("hola", new Dictionary<string, string?> { ["workflows.yaml"] = workflows.Replace("greeting: Bonjour", "greeting: Hola", StringComparison.Ordinal) });
        await local.WaitForLineAsync(l => l.StartsWith("configuration reloaded", StringComparison.Ordinal) && l.Contains(commit[..12], StringComparison.Ordinal));
        using HttpClient http = new();
        await http.PostAsync(url, new StringContent("{\"name\": \"Ada\"}", System.Text.Encoding.UTF8, "application/json"));
        await local.WaitForLineAsync(l => l.Contains("[echo] Hola, Ada!", StringComparison.Ordinal));
        Assert.True(Directory.Exists(Path.Combine(_dir, "cache", "honeydipper", "git")));
    }

    /// <summary>kill -9 of the local process (not of its process group) leaves no driver behind holding the webhook's port.</summary>
    [Fact]
    public async Task Its_driver_processes_stop_when_the_local_process_is_killed()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        int port;
        using (System.Net.Sockets.TcpListener probe = new(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        await using LocalProcess local = LocalProcess.Start(Path.Combine(RepoPaths.RepoRoot, "examples", "quickstart"), $"127.0.0.1:{port}", redis.Configuration);
        await local.WaitForLineAsync(l => l.StartsWith("runs (Ctrl-C", StringComparison.Ordinal));
        await Poll.UntilAsync(() => Accepts(port), "the webhook driver process to listen");
        local.KillParentOnly();
        await Poll.UntilAsync(async () => !await Accepts(port), "the webhook driver process to stop with its parent");
    }

    private static async Task<bool> Accepts(int port)
    {
        using System.Net.Sockets.TcpClient client = new();
        try
        {
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
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
        string resumedLine = await second.WaitForLineAsync(l => l.StartsWith("resumed ", StringComparison.Ordinal));
        Assert.Matches(@"^resumed [1-9]\d* runs? an earlier honeydipper local left running or waiting in Redis", resumedLine);
        // Redis is the record of what finished: a run the first process completed and saved, then was killed before
        // it printed, is not printed by anyone, so the printed lines alone cannot count the runs.
        await Poll.UntilAsync(
            async () => commands.Count >= 400 && (await bus.HashGetAllAsync(BusKeys.EngineSessions("local"))).Count == 0 && (await bus.HashGetAllAsync(BusKeys.EngineRuns("local"))).Count == 0,
            "400 commands served and no session or unfinished run left",
            TimeSpan.FromSeconds(90),
            async () =>
            {
                IReadOnlyDictionary<string, string> sessions = await bus.HashGetAllAsync(BusKeys.EngineSessions("local"));
                IReadOnlyDictionary<string, string> runs = await bus.HashGetAllAsync(BusKeys.EngineRuns("local"));
                string output = second.Output;
                return $"{commands.Count} distinct commands ({served} served), {sessions.Count} sessions and {runs.Count} unfinished runs left "
                    + $"(first: {string.Join(", ", sessions.Values.Take(2))}), {Succeeded(firstOutput + output).Count} succeeded lines; "
                    + $"the second process printed: {output[Math.Max(0, output.Length - 2000)..]}";
            });
        await stopWorker.CancelAsync();
        await working;

        // The second process's lines reach us through a pipe, possibly after Redis says it is done: wait for them
        // rather than count them (how many the first process printed before the kill is not for us to know).
        await Poll.UntilAsync(() => Succeeded(second.Output).Count > 0, "the second process to print the runs it finished");
        List<string> succeeded = Succeeded(firstOutput + second.Output);
        Assert.Equal(succeeded.Count, succeeded.Distinct().Count()); // no run is reported succeeded twice
        Assert.DoesNotContain("Failed", firstOutput + second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(" Error ", firstOutput + second.Output, StringComparison.Ordinal);
        Assert.Equal(400, commands.Count); // two calls per run, each command once as far as its id goes
    }

    private static List<string> Succeeded(string output) => [.. SucceededLine().Matches(output).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"run (\d+)\s+\S.*?\s+Succeeded")]
    private static partial Regex SucceededLine();

    [GeneratedRegex(@"http://\S+")]
    private static partial Regex UrlPattern();
}
