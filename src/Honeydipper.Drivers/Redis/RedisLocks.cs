using System.Globalization;
using Honeydipper.Bus.Protocol;
using Honeydipper.Drivers.Sdk;
using StackExchange.Redis;

namespace Honeydipper.Drivers.Redis;

/// <summary>
/// The locker feature (the original's redislock) on a namespace's keys: <c>lock</c> is <c>SET NX PX</c>, so a lock
/// always expires and a holder that dies never blocks the others for longer than <c>expire</c>.
/// </summary>
internal sealed class RedisLocks(Func<Task<IDatabase>> database, string ns, TimeProvider time)
{
    /// <summary>How long a lock is held when the caller does not say: long enough for a workflow step, short enough to recover.</summary>
    public static readonly TimeSpan DefaultExpire = TimeSpan.FromMinutes(30);

    private static readonly TimeSpan RetryEvery = TimeSpan.FromMilliseconds(100);

    // Deletes the lock only while it still holds the caller's token: a holder whose lock expired and was taken by
    // another cannot release the new holder's.
    private const string ReleaseIfHeld = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

    /// <summary>
    /// <c>lock {name, expire, attempt_ms}</c>: takes the lock for <c>expire</c> (a Go duration or seconds, 30m by
    /// default), trying again for up to <c>attempt_ms</c> while another holds it. Answers <c>{name, token}</c>, or
    /// failure when the lock is still held at the end.
    /// </summary>
    public async Task<CommandResult> LockAsync(CommandContext ctx, CancellationToken cancellationToken)
    {
        string name = RedisValues.Required(ctx, "name");
        TimeSpan expire = RedisValues.Duration(ctx, "expire") ?? DefaultExpire;
        TimeSpan attempt = ctx.Text("attempt_ms") is { Length: > 0 } ms
            ? double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out double millis) && millis >= 0 ? TimeSpan.FromMilliseconds(millis)
                : throw new InvalidOperationException($"[redis] lock: parameter attempt_ms \"{ms}\" is not a number of milliseconds")
            : TimeSpan.Zero;
        string token = Guid.NewGuid().ToString("N");
        IDatabase db = await database().ConfigureAwait(false);
        long started = time.GetTimestamp();
        while (true)
        {
            if (await RedisValues.Call(ctx, name, () => db.StringSetAsync(Key(name), token, expire, When.NotExists)).ConfigureAwait(false))
            {
                return CommandResult.Success(new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = name, ["token"] = token });
            }

            if (time.GetElapsedTime(started) + RetryEvery > attempt)
            {
                return CommandResult.Failure($"[redis] lock {name}: held by another holder (tried for {attempt.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms)");
            }

            await Task.Delay(RetryEvery, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <c>unlock {name, token}</c>: releases the lock; with the <c>token</c> that <c>lock</c> gave, only while this holder
    /// still has it, and without one whoever has it (as the original does). Answers <c>{released}</c>.
    /// </summary>
    public async Task<CommandResult> UnlockAsync(CommandContext ctx, CancellationToken cancellationToken)
    {
        string name = RedisValues.Required(ctx, "name");
        string token = ctx.Text("token");
        IDatabase db = await database().ConfigureAwait(false);
        bool released = token.Length == 0
            ? await RedisValues.Call(ctx, name, () => db.KeyDeleteAsync(Key(name))).ConfigureAwait(false)
            : (long)await RedisValues.Call(ctx, name, () => db.ScriptEvaluateAsync(ReleaseIfHeld, [Key(name)], [token])).ConfigureAwait(false) == 1;
        return CommandResult.Success(new Dictionary<string, object?>(StringComparer.Ordinal) { ["released"] = released });
    }

    private RedisKey Key(string name) => BusKeys.Lock(ns, name);
}
