using Honeydipper.Bus.Protocol;
using Honeydipper.Drivers.Sdk;
using StackExchange.Redis;

namespace Honeydipper.Drivers.Redis;

/// <summary>
/// The cache feature (the original's redis-cache) on a namespace's keys. Text is stored as it is and anything else as
/// JSON; what is read back is given as <c>value</c> (the text) and <c>json</c> (its data, when the text is JSON), the
/// shape the web driver gives a body.
/// </summary>
internal sealed class RedisCache(Func<Task<IDatabase>> database, string ns)
{
    /// <summary><c>save {key, value, ttl}</c>: SET, kept <c>ttl</c> (a Go duration or seconds) or for ever.</summary>
    public async Task<CommandResult> SaveAsync(CommandContext ctx, CancellationToken cancellationToken)
    {
        string key = RedisValues.Required(ctx, "key");
        if (!ctx.Parameters.TryGetValue("value", out object? value))
        {
            throw new InvalidOperationException("[redis] save: parameter value is required but missing");
        }

        TimeSpan? ttl = RedisValues.Duration(ctx, "ttl");
        IDatabase db = await database().ConfigureAwait(false);
        await RedisValues.Call(ctx, key, () => db.StringSetAsync(Key(key), RedisValues.Encode(value), ttl, When.Always)).ConfigureAwait(false);
        return CommandResult.Success();
    }

    /// <summary><c>load {key}</c>: GET; <c>{value, json}</c> when the key exists, <c>{}</c> when it does not.</summary>
    public async Task<CommandResult> LoadAsync(CommandContext ctx, CancellationToken cancellationToken)
    {
        string key = RedisValues.Required(ctx, "key");
        IDatabase db = await database().ConfigureAwait(false);
        RedisValue stored = await RedisValues.Call(ctx, key, () => db.StringGetAsync(Key(key))).ConfigureAwait(false);
        Dictionary<string, object?> data = new(StringComparer.Ordinal);
        if (stored.HasValue)
        {
            string text = stored.ToString();
            data["value"] = text;
            if (RedisValues.TryDecode(text, out object? json))
            {
                data["json"] = json;
            }
        }

        return CommandResult.Success(data);
    }

    /// <summary><c>del {key}</c>: DEL; <c>{deleted}</c> says whether there was one.</summary>
    public async Task<CommandResult> DeleteAsync(CommandContext ctx, CancellationToken cancellationToken)
    {
        string key = RedisValues.Required(ctx, "key");
        IDatabase db = await database().ConfigureAwait(false);
        bool deleted = await RedisValues.Call(ctx, key, () => db.KeyDeleteAsync(Key(key))).ConfigureAwait(false);
        return CommandResult.Success(new Dictionary<string, object?>(StringComparer.Ordinal) { ["deleted"] = deleted });
    }

    /// <summary><c>exists {key}</c>: EXISTS; <c>{exists}</c>.</summary>
    public async Task<CommandResult> ExistsAsync(CommandContext ctx, CancellationToken cancellationToken)
    {
        string key = RedisValues.Required(ctx, "key");
        IDatabase db = await database().ConfigureAwait(false);
        bool exists = await RedisValues.Call(ctx, key, () => db.KeyExistsAsync(Key(key))).ConfigureAwait(false);
        return CommandResult.Success(new Dictionary<string, object?>(StringComparer.Ordinal) { ["exists"] = exists });
    }

    /// <summary><c>incr {key}</c>: INCR; <c>{value}</c> is the new count.</summary>
    public async Task<CommandResult> IncrementAsync(CommandContext ctx, CancellationToken cancellationToken)
    {
        string key = RedisValues.Required(ctx, "key");
        IDatabase db = await database().ConfigureAwait(false);
        long value = await RedisValues.Call(ctx, key, () => db.StringIncrementAsync(Key(key))).ConfigureAwait(false);
        return CommandResult.Success(new Dictionary<string, object?>(StringComparer.Ordinal) { ["value"] = (double)value });
    }

    /// <summary><c>rpush {key, value, ttl, toJson}</c>: RPUSH one item (text as it is unless <c>toJson</c>), then EXPIRE when <c>ttl</c> is given.</summary>
    public async Task<CommandResult> PushAsync(CommandContext ctx, CancellationToken cancellationToken)
    {
        string key = RedisValues.Required(ctx, "key");
        if (!ctx.Parameters.TryGetValue("value", out object? value))
        {
            throw new InvalidOperationException("[redis] rpush: parameter value is required but missing");
        }

        TimeSpan? ttl = RedisValues.Duration(ctx, "ttl");
        IDatabase db = await database().ConfigureAwait(false);
        ITransaction push = db.CreateTransaction();
        Task<long> length = push.ListRightPushAsync(Key(key), RedisValues.Encode(value, RedisValues.Flag(ctx, "toJson")));
        if (ttl is not null)
        {
            _ = push.KeyExpireAsync(Key(key), ttl);
        }

        await RedisValues.Call(ctx, key, () => push.ExecuteAsync()).ConfigureAwait(false);
        return CommandResult.Success(new Dictionary<string, object?>(StringComparer.Ordinal) { ["length"] = (double)await length.ConfigureAwait(false) });
    }

    /// <summary>
    /// <c>lrange {key, start, stop, raw, del}</c>: LRANGE (all by default); <c>{values}</c> holds each item's data when
    /// it is JSON and its text otherwise, or always the text with <c>raw</c>. <c>del</c> deletes the list in the same
    /// transaction, so that what was read is taken exactly once.
    /// </summary>
    public async Task<CommandResult> RangeAsync(CommandContext ctx, CancellationToken cancellationToken)
    {
        string key = RedisValues.Required(ctx, "key");
        long start = Index(ctx, "start", 0);
        long stop = Index(ctx, "stop", -1);
        bool raw = RedisValues.Flag(ctx, "raw");
        IDatabase db = await database().ConfigureAwait(false);
        ITransaction read = db.CreateTransaction();
        Task<RedisValue[]> items = read.ListRangeAsync(Key(key), start, stop);
        if (RedisValues.Flag(ctx, "del"))
        {
            _ = read.KeyDeleteAsync(Key(key));
        }

        await RedisValues.Call(ctx, key, () => read.ExecuteAsync()).ConfigureAwait(false);
        List<object?> values = [];
        foreach (RedisValue item in await items.ConfigureAwait(false))
        {
            string text = item.ToString();
            values.Add(!raw && RedisValues.TryDecode(text, out object? data) ? data : text);
        }

        return CommandResult.Success(new Dictionary<string, object?>(StringComparer.Ordinal) { ["values"] = values });
    }

    private RedisKey Key(string key) => BusKeys.Cache(ns, key);

    private static long Index(CommandContext ctx, string name, long fallback)
    {
        string text = ctx.Text(name);
        return text.Length == 0 ? fallback
            : long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long index) ? index
            : throw new InvalidOperationException($"[redis] {ctx.Method}: parameter {name} \"{text}\" is not a whole number");
    }
}
