using Honeydipper.Core.Values;
using Honeydipper.Drivers.Sdk;

namespace Honeydipper.Drivers.Echo;

/// <summary>
/// Prints what it is given and answers with it: <c>print</c> writes <c>text</c> (or the parameters) to the terminal;
/// <c>return</c> answers with the parameters (its <c>status</c> and <c>reason</c> parameters can make it fail on purpose).
/// For demos, tutorials and tests: a visible result that needs no network.
/// </summary>
public sealed class EchoDriver(BuiltinDriverSettings settings) : IBuiltinDriver
{
    public string Type => "echo";

    public void Register(DriverHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        host.Handle("print", (ctx, _) =>
        {
            string text = ctx.Parameters.TryGetValue("text", out object? t) && t is not null ? GoValueFormatter.Format(t) : GoJson.Serialize(ctx.Parameters);
            lock (settings.Output)
            {
                settings.Output.WriteLine($"[echo] {text}");
            }

            return Task.FromResult(CommandResult.Success(ctx.Parameters));
        });
        host.Handle("return", (ctx, _) =>
        {
            string status = ctx.Text("status", "success");
            return Task.FromResult(status == "success" ? CommandResult.Success(ctx.Parameters) : new CommandResult(status, ctx.Text("reason", "asked to"), ctx.Parameters));
        });
    }

    public Task ServeAsync(DriverHost host, CancellationToken cancellationToken) => Task.CompletedTask;
}
