using System.CommandLine;
using Honeydipper.Cli.Local;

namespace Honeydipper.Cli.Commands;

/// <summary><c>honeydipper local</c>: run a configuration on this machine, no cluster needed.</summary>
internal static class LocalCommand
{
    public static Command Create(CliEnvironment env)
    {
        Option<string> config = new("--config", "-c") { Description = "A Honeydipper repository or a folder of honeydipper.io manifests: a folder, or a Git URL (https:// or file://) synced and followed.", DefaultValueFactory = _ => "." };
        Option<string> branch = new("--branch") { Description = "The branch to follow when --config is a Git URL (HD_GIT_TOKEN holds a token for https).", DefaultValueFactory = _ => "main" };
        Option<string> poll = new("--poll") { Description = "How often a Git --config is fetched for new commits (a Go duration).", DefaultValueFactory = _ => "30s" };
        Option<string?> redis = new("--redis") { Description = "Use Redis (host:port or a StackExchange.Redis configuration) for a durable bus; drivers then run as child processes." };
        Option<string> ns = new("--namespace") { Description = "The namespace the streams and state belong to.", DefaultValueFactory = _ => "local" };
        Option<string> listen = new("--webhook") { Description = "Where the webhook driver listens (host:port; port 0 picks a free one).", DefaultValueFactory = _ => "127.0.0.1:8080" };
        Option<bool> noWatch = new("--no-watch") { Description = "Do not reload the configuration when its files change." };
        Option<string> api = new("--api") { Description = "Where the API and the dashboard listen (host:port; \"off\" for none).", DefaultValueFactory = _ => "127.0.0.1:9000" };
        Option<string?> apiTokens = new("--api-tokens") { Description = "A token file (\"<user> sha256:<hex of the token's SHA-256>\" lines): the API then asks a bearer token; without it the API serves loopback only." };
        Option<string?> auditLog = new("--audit-log") { Description = "Append audit records (run starts, API changes, reloads) to this file as JSON lines; with --redis they go to hd:{ns}:audit otherwise." };
        Command command = new("local", "Run the engine and the built-in drivers on this machine with a configuration folder, following runs live.")
        {
            config, branch, poll, redis, ns, listen, noWatch, api, apiTokens, auditLog,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!Core.Values.GoDuration.TryParse(parse.GetValue(poll)!, out long pollNs) || pollNs <= 0)
            {
                parse.InvocationConfiguration.Output.WriteLine($"--poll {parse.GetValue(poll)} is not a duration: write it as Go does, e.g. 30s, 5m, 1h");
                return 1;
            }

            LocalOptions options = new()
            {
                ConfigFolder = parse.GetValue(config)!,
                Branch = parse.GetValue(branch)!,
                GitPollInterval = Core.Values.GoDuration.ToTimeSpan(pollNs),
                Redis = parse.GetValue(redis),
                Namespace = parse.GetValue(ns)!,
                WebhookListen = parse.GetValue(listen)!,
                Watch = !parse.GetValue(noWatch),
                ApiListen = parse.GetValue(api) is "off" ? null : parse.GetValue(api),
                ApiTokens = parse.GetValue(apiTokens),
                AuditLog = parse.GetValue(auditLog),
            };
            return await new LocalRuntime(options, env, parse.InvocationConfiguration.Output).RunAsync(cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
