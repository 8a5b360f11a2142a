using Honeydipper.Bus.Protocol;
using Honeydipper.Drivers.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Honeydipper.Drivers.Tests.Redis;

/// <summary>
/// The redis driver (the original's redis-cache and redislock) through the real bus, keeping its data on a real
/// redis-server; what it stored is read back with raw Redis commands, not through the driver.
/// </summary>
public sealed class RedisDriverTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private Task<DriverHarness> StartAsync(FakeTimeProvider? clock = null) =>
        DriverHarness.StartAsync(redis, "redis", settings: new BuiltinDriverSettings { Redis = redis.Server.Configuration }, host: clock is null ? null : o => o with { Time = clock });

    [Fact]
    public async Task Save_keeps_text_as_it_is_and_data_as_JSON_and_load_gives_both_back()
    {
        await using DriverHarness cache = await StartAsync();

        Assert.Equal("success", (await cache.CallAsync("save", Options.Map("{key: greeting, value: hello}"))).Status);
        Assert.Equal("success", (await cache.CallAsync("save", Options.Map("{key: build, value: {id: 7, tags: [a]}}"))).Status);
        BusReturn text = await cache.CallAsync("load", Options.Map("{key: greeting}"));
        BusReturn data = await cache.CallAsync("load", Options.Map("{key: build}"));
        BusReturn missing = await cache.CallAsync("load", Options.Map("{key: nothing}"));

        Assert.Equal("hello", await RedisAsync("GET", BusKeys.Cache(cache.Namespace, "greeting")));
        Assert.Equal("""{"id":7,"tags":["a"]}""", await RedisAsync("GET", BusKeys.Cache(cache.Namespace, "build")));
        Assert.Equal("hello", Payload(text)["value"]);
        Assert.False(Payload(text).ContainsKey("json"));
        Assert.Equal("""{"id":7,"tags":["a"]}""", Payload(data)["value"]);
        Assert.Equal(7.0, ((IDictionary<string, object?>)Payload(data)["json"]!)["id"]);
        Assert.Equal("success", missing.Status);
        Assert.Empty(Payload(missing));
    }

    [Fact]
    public async Task Save_with_a_ttl_expires_the_key_and_without_one_keeps_it()
    {
        await using DriverHarness cache = await StartAsync();

        await cache.CallAsync("save", Options.Map("{key: go, value: x, ttl: 1h}"));
        await cache.CallAsync("save", Options.Map("{key: seconds, value: x, ttl: 90}"));
        await cache.CallAsync("save", Options.Map("{key: forever, value: x}"));
        BusReturn wrong = await cache.CallAsync("save", Options.Map("{key: bad, value: x, ttl: soon}"));

        Assert.InRange((long)(await RedisAsync("PTTL", BusKeys.Cache(cache.Namespace, "go")))!, 3_500_000, 3_600_000);
        Assert.InRange((long)(await RedisAsync("PTTL", BusKeys.Cache(cache.Namespace, "seconds")))!, 1, 90_000);
        Assert.Equal(-1L, await RedisAsync("PTTL", BusKeys.Cache(cache.Namespace, "forever")));
        Assert.Equal(("error", "[redis] save: parameter ttl \"soon\" is not a positive duration; give a Go duration such as 90s or 3h, or a number of seconds"), (wrong.Status, wrong.Reason));
        Assert.Equal(0L, await RedisAsync("EXISTS", BusKeys.Cache(cache.Namespace, "bad")));
    }

    [Fact]
    public async Task Exists_del_and_incr_work_on_the_namespace_s_keys()
    {
        await using DriverHarness cache = await StartAsync();
        await cache.CallAsync("save", Options.Map("{key: k, value: v}"));

        BusReturn before = await cache.CallAsync("exists", Options.Map("{key: k}"));
        BusReturn deleted = await cache.CallAsync("del", Options.Map("{key: k}"));
        BusReturn after = await cache.CallAsync("exists", Options.Map("{key: k}"));
        BusReturn again = await cache.CallAsync("del", Options.Map("{key: k}"));
        List<object?> counts = [];
        for (int i = 0; i < 3; i++)
        {
            counts.Add(Payload(await cache.CallAsync("incr", Options.Map("{key: hits}")))["value"]);
        }

        Assert.Equal((true, true, false, false), ((bool)Payload(before)["exists"]!, (bool)Payload(deleted)["deleted"]!, (bool)Payload(after)["exists"]!, (bool)Payload(again)["deleted"]!));
        Assert.Equal([1.0, 2.0, 3.0], counts);
        Assert.Equal("3", await RedisAsync("GET", BusKeys.Cache(cache.Namespace, "hits")));
    }

    [Fact]
    public async Task Rpush_and_lrange_keep_a_list_that_del_takes_exactly_once()
    {
        await using DriverHarness cache = await StartAsync();

        await cache.CallAsync("rpush", Options.Map("{key: results, value: plain, ttl: 3h}"));
        await cache.CallAsync("rpush", Options.Map("{key: results, value: {status: success}}"));
        BusReturn pushed = await cache.CallAsync("rpush", Options.Map("{key: results, value: quoted, toJson: true}"));
        BusReturn raw = await cache.CallAsync("lrange", Options.Map("{key: results, raw: true}"));
        BusReturn tail = await cache.CallAsync("lrange", Options.Map("{key: results, start: 1}"));
        BusReturn taken = await cache.CallAsync("lrange", Options.Map("{key: results, del: true}"));
        BusReturn empty = await cache.CallAsync("lrange", Options.Map("{key: results}"));

        Assert.Equal(3.0, Payload(pushed)["length"]);
        Assert.Equal(["plain", """{"status":"success"}""", "\"quoted\""], (IList<object?>)Payload(raw)["values"]!);
        IList<object?> decoded = (IList<object?>)Payload(tail)["values"]!;
        Assert.Equal("success", ((IDictionary<string, object?>)decoded[0]!)["status"]);
        Assert.Equal("quoted", decoded[1]);
        Assert.Equal(3, ((IList<object?>)Payload(taken)["values"]!).Count);
        Assert.Empty((IList<object?>)Payload(empty)["values"]!);
        Assert.Equal(0L, await RedisAsync("EXISTS", BusKeys.Cache(cache.Namespace, "results")));
    }

    [Fact]
    public async Task One_namespace_cannot_read_another_s_cache_or_locks()
    {
        await using DriverHarness tenantA = await StartAsync();
        await using DriverHarness tenantB = await StartAsync();
        await tenantA.CallAsync("save", Options.Map("{key: token, value: a-secret}"));
        await tenantA.CallAsync("lock", Options.Map("{name: deploy}"));

        BusReturn read = await tenantB.CallAsync("load", Options.Map("{key: token}"));
        BusReturn locked = await tenantB.CallAsync("lock", Options.Map("{name: deploy}"));

        Assert.Empty(Payload(read));
        Assert.Equal("success", locked.Status);
    }

    [Fact]
    public async Task Lock_holds_a_name_until_unlocked_or_expired_and_only_its_token_releases_it_early()
    {
        await using DriverHarness locker = await StartAsync();

        BusReturn first = await locker.CallAsync("lock", Options.Map("{name: deploy, expire: 10s}"));
        BusReturn second = await locker.CallAsync("lock", Options.Map("{name: deploy}"));
        string token = (string)Payload(first)["token"]!;
        string key = BusKeys.Lock(locker.Namespace, "deploy");
        Assert.Equal("success", first.Status);
        Assert.Equal(token, await RedisAsync("GET", key));
        Assert.InRange((long)(await RedisAsync("PTTL", key))!, 1, 10_000);
        Assert.Equal(("failure", "[redis] lock deploy: held by another holder (tried for 0 ms)"), (second.Status, second.Reason));

        BusReturn wrongToken = await locker.CallAsync("unlock", Options.Map("{name: deploy, token: not-mine}"));
        Assert.False((bool)Payload(wrongToken)["released"]!);
        Assert.Equal(token, await RedisAsync("GET", key));

        BusReturn released = await locker.CallAsync("unlock", Options.Map($"{{name: deploy, token: {token}}}"));
        Assert.True((bool)Payload(released)["released"]!);
        Assert.Equal("success", (await locker.CallAsync("lock", Options.Map("{name: deploy}"))).Status);
        Assert.InRange((long)(await RedisAsync("PTTL", key))!, 1, 30 * 60_000); // 30m by default: a lock always expires

        BusReturn anyone = await locker.CallAsync("unlock", Options.Map("{name: deploy}")); // without a token, as the original
        Assert.True((bool)Payload(anyone)["released"]!);
        Assert.Equal(0L, await RedisAsync("EXISTS", key));
    }

    [Fact]
    public async Task Lock_tries_again_on_the_clock_for_attempt_ms_and_gets_the_lock_once_it_is_free()
    {
        FakeTimeProvider clock = new(DateTimeOffset.UnixEpoch);
        await using DriverHarness locker = await StartAsync(clock);
        string holder = (string)Payload(await locker.CallAsync("lock", Options.Map("{name: db}")))["token"]!;

        DateTimeOffset started = clock.GetUtcNow();
        BusReturn gaveUp = await AdvanceUntilAnsweredAsync(clock, locker.CallAsync("lock", Options.Map("{name: db, attempt_ms: 2000}")));
        Assert.Equal(("failure", "[redis] lock db: held by another holder (tried for 2000 ms)"), (gaveUp.Status, gaveUp.Reason));
        Assert.True(clock.GetUtcNow() - started >= TimeSpan.FromMilliseconds(1900), "it answered before attempt_ms had passed on the clock");

        Task<BusReturn> waiting = locker.CallAsync("lock", Options.Map("{name: db, attempt_ms: 20000}"));
        await locker.CallAsync("unlock", Options.Map($"{{name: db, token: {holder}}}"));
        BusReturn got = await AdvanceUntilAnsweredAsync(clock, waiting);
        Assert.Equal("success", got.Status);
        Assert.Equal(Payload(got)["token"], await RedisAsync("GET", BusKeys.Lock(locker.Namespace, "db")));
    }

    [Fact]
    public async Task Missing_parameters_and_a_driver_without_Redis_are_errors_that_say_what_to_do()
    {
        await using DriverHarness cache = await StartAsync();
        await using DriverHarness noRedis = await DriverHarness.StartAsync(redis, "redis");

        BusReturn noKey = await cache.CallAsync("save", Options.Map("{value: x}"));
        BusReturn noValue = await cache.CallAsync("rpush", Options.Map("{key: k}"));
        BusReturn noName = await cache.CallAsync("lock", Options.Map("{}"));
        BusReturn unconfigured = await noRedis.CallAsync("load", Options.Map("{key: k}"));

        Assert.Equal(("error", "[redis] save: parameter key is required but missing"), (noKey.Status, noKey.Reason));
        Assert.Equal("[redis] rpush: parameter value is required but missing", noValue.Reason);
        Assert.Equal("[redis] lock: parameter name is required but missing", noName.Reason);
        Assert.Equal("error", unconfigured.Status);
        Assert.Contains("--redis", unconfigured.Reason, StringComparison.Ordinal);
    }

    private static IDictionary<string, object?> Payload(BusReturn answer) => (IDictionary<string, object?>)answer.Payload!;

    private async Task<object?> RedisAsync(params string[] command)
    {
        using RespClient client = await RespClient.ConnectAsync(redis.Server.Port);
        return await client.CallAsync(command);
    }

    private static async Task<BusReturn> AdvanceUntilAnsweredAsync(FakeTimeProvider clock, Task<BusReturn> call)
    {
        await Poll.UntilAsync(() =>
        {
            if (!call.IsCompleted)
            {
                clock.Advance(TimeSpan.FromMilliseconds(100));
            }

            return call.IsCompleted;
        }, "the lock's answer");
        return await call;
    }
}
