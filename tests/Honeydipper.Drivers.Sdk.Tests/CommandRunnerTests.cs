using Honeydipper.Bus.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Honeydipper.Drivers.Sdk.Tests;

/// <summary>The original's command handler semantics (TestCommandRetrySuccess, TestCommandRetryFailure, timeouts).</summary>
public sealed class CommandRunnerTests
{
    private static BusCommand Command(string method, params (string Key, string Value)[] labels) =>
        new("c1", "d", method, labels.ToDictionary(l => l.Key, l => l.Value), new Dictionary<string, object?> { ["x"] = 1.0 });

    private static DriverHostOptions Options(TimeProvider? time = null) => new() { Namespace = "n", Driver = "d", Time = time ?? TimeProvider.System };

    [Fact]
    public async Task A_handler_that_fails_twice_succeeds_on_the_third_attempt_with_retry_two()
    {
        int calls = 0;
        CommandRunner runner = new(new Dictionary<string, CommandHandler>
        {
            ["m"] = (_, _) => Task.FromResult(++calls < 3 ? CommandResult.Error("not yet") : CommandResult.Success()),
        }, Options());
        CommandResult result = await runner.RunAsync(Command("m", ("retry", "2"), ("backoff_ms", "1")), CancellationToken.None);
        Assert.Equal(3, calls);
        Assert.True(result.IsSuccess);
    }

    [Fact]
    public async Task Retry_one_gives_up_after_two_attempts_with_the_last_answer()
    {
        int calls = 0;
        CommandRunner runner = new(new Dictionary<string, CommandHandler>
        {
            ["m"] = (_, _) => Task.FromResult(CommandResult.Failure($"attempt {++calls}")),
        }, Options());
        CommandResult result = await runner.RunAsync(Command("m", ("retry", "1"), ("backoff_ms", "1")), CancellationToken.None);
        Assert.Equal(2, calls);
        Assert.Equal("failure", result.Status);
        Assert.Equal("attempt 2", result.Reason);
    }

    [Fact]
    public async Task The_backoff_doubles_between_attempts()
    {
        FakeTimeProvider time = new();
        List<TimeSpan> attempts = [];
        DateTimeOffset start = time.GetUtcNow();
        CommandRunner runner = new(new Dictionary<string, CommandHandler>
        {
            ["m"] = (_, _) =>
            {
                lock (attempts)
                {
                    attempts.Add(time.GetUtcNow() - start);
                }

                return Task.FromResult(CommandResult.Error("no"));
            },
        }, Options(time));
        Task<CommandResult> running = runner.RunAsync(Command("m", ("retry", "3"), ("backoff_ms", "100")), CancellationToken.None);
        await Poll.UntilAsync(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
            return running.IsCompleted;
        }, "the attempts");
        // The clock moves in 10 ms ticks while the attempts run, so each gap may overshoot by a few ticks.
        double[] gaps = [.. attempts.Zip(attempts.Skip(1), (a, b) => (b - a).TotalMilliseconds)];
        Assert.Equal(3, gaps.Length);
        Assert.InRange(gaps[0], 100, 140);
        Assert.InRange(gaps[1], 200, 240);
        Assert.InRange(gaps[2], 400, 440);
    }

    [Fact]
    public async Task An_attempt_that_runs_past_the_timeout_answers_error_timeout()
    {
        FakeTimeProvider time = new();
        TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        CommandRunner runner = new(new Dictionary<string, CommandHandler>
        {
            ["m"] = async (_, ct) =>
            {
                started.TrySetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                return CommandResult.Success();
            },
        }, Options(time));
        Task<CommandResult> running = runner.RunAsync(Command("m", ("timeout", "5")), CancellationToken.None);
        await started.Task;
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(running.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));
        CommandResult result = await running;
        Assert.Equal("error", result.Status);
        Assert.Equal("timeout", result.Reason);
    }

    [Fact]
    public async Task An_unknown_method_is_an_error_naming_it()
    {
        CommandRunner runner = new(new Dictionary<string, CommandHandler>(), Options());
        CommandResult result = await runner.RunAsync(Command("nope"), CancellationToken.None);
        Assert.Equal("[d] cmd not defined: nope", result.Reason);
    }

    [Fact]
    public async Task A_handler_that_throws_answers_error_with_the_message()
    {
        CommandRunner runner = new(new Dictionary<string, CommandHandler> { ["m"] = (_, _) => throw new InvalidOperationException("kaput") }, Options());
        CommandResult result = await runner.RunAsync(Command("m"), CancellationToken.None);
        Assert.Equal(("error", "kaput"), (result.Status, result.Reason));
    }
}
