using System.Text.Json;
using Honeydipper.Bus.Protocol;
using Honeydipper.Bus.Redis;
using Honeydipper.Core.Engine.Runs;

namespace Honeydipper.Hosting.Tests;

/// <summary>
/// A driver written only from docs/bus-protocol.md: plain Redis commands over a socket, no SDK, no StackExchange.Redis.
/// If this works with the engine, a driver in any language can.
/// </summary>
public sealed class RawProtocolDriverTests
{
    [Fact]
    public async Task A_driver_speaking_raw_Redis_commands_as_documented_serves_a_workflow()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        await using RedisMessageBus bus = await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = redis.Configuration });
        await using HostFixture f = new(bus, "raw");
        await using EngineHost host = await f.StartHostAsync("engine");
        using RespClient driver = await RespClient.ConnectAsync(redis.Port);

        // 1. Options: the engine has written them before it consumes anything.
        string options = Assert.IsType<string>(await driver.CallAsync("GET", "hd:{raw}:driver:worker:config"));
        using (JsonDocument doc = JsonDocument.Parse(options))
        {
            Assert.Equal(JsonValueKind.Object, doc.RootElement.GetProperty("data").ValueKind);
            Assert.Equal(JsonValueKind.Object, doc.RootElement.GetProperty("dynamicData").ValueKind);
        }

        // 2. The replicas' consumer group on the driver's command stream (BUSYGROUP when another replica made it).
        object? created = await driver.CallAsync("XGROUP", "CREATE", "hd:{raw}:commands:worker", "driver", "0", "MKSTREAM");
        Assert.True(created is "OK" || created is RespError { Message: var m } && m.StartsWith("BUSYGROUP", StringComparison.Ordinal), $"{created}");

        // 3. An event.
        object? eventEntry = await driver.CallAsync("XADD", "hd:{raw}:events", "*", "v", "1", "kind", "event", "id", "raw-event-1",
            "driver", "webhook", "event", "", "labels", """{"eventID":"raw-event-1"}""", "payload", """{"url":"/go","method":"POST"}""");
        Assert.IsType<string>(eventEntry);

        // 4. Serve commands: read, answer on returns, acknowledge.
        List<Dictionary<string, string>> served = [];
        await Poll.UntilAsync(async () =>
        {
            object? reply = await driver.CallAsync("XREADGROUP", "GROUP", "driver", "raw-1", "COUNT", "10", "BLOCK", "100", "STREAMS", "hd:{raw}:commands:worker", ">");
            foreach (List<object?> stream in (reply as List<object?>)?.Cast<List<object?>>() ?? [])
            {
                foreach (List<object?> entry in ((List<object?>)stream[1]!).Cast<List<object?>>())
                {
                    string entryId = (string)entry[0]!;
                    List<object?> flat = (List<object?>)entry[1]!;
                    Dictionary<string, string> fields = new(StringComparer.Ordinal);
                    for (int i = 0; i + 1 < flat.Count; i += 2)
                    {
                        fields[(string)flat[i]!] = (string)flat[i + 1]!;
                    }

                    served.Add(fields);
                    Dictionary<string, string> labels = JsonSerializer.Deserialize<Dictionary<string, string>>(fields["labels"])!;
                    JsonElement parameters = JsonSerializer.Deserialize<JsonElement>(fields["payload"]);
                    string answer = JsonSerializer.Serialize(new { doubled = parameters.GetProperty("num").GetDouble() * 2 });
                    bool second = parameters.GetProperty("num").GetDouble() == 2;
                    object? returned = await driver.CallAsync("XADD", "hd:{raw}:returns", "*", "v", "1", "kind", "return", "id", $"ret-{fields["id"]}",
                        "commandID", fields["id"], "sessionID", fields["sessionID"],
                        "status", second ? "failure" : "success", "reason", second ? "the raw driver says no" : "",
                        "labels", JsonSerializer.Serialize(labels), "payload", answer);
                    Assert.IsType<string>(returned);
                    Assert.Equal(1L, await driver.CallAsync("XACK", "hd:{raw}:commands:worker", "driver", entryId));
                }
            }

            return served.Count >= 2 && f.Finished().Count == 1;
        }, "the raw driver to serve both steps and the run to finish");

        RunRecord run = Assert.Single(f.Finished());
        Assert.Equal((RunPhase.Failed, "raw-event-1"), (run.Phase, run.EventId)); // the second answer's status field failed it
        Assert.Contains("the raw driver says no", run.Reason, StringComparison.Ordinal);
        Assert.All(served, c => Assert.Equal(("1", "command", "worker", "do"), (c["v"], c["kind"], c["driver"], c["method"])));
        Assert.Equal(["1", "2"], served.Select(c => JsonSerializer.Deserialize<JsonElement>(c["payload"]).GetProperty("num").GetRawText()));
        Assert.All(served, c => Assert.Equal(c["sessionID"], JsonSerializer.Deserialize<Dictionary<string, string>>(c["labels"])!["sessionID"]));
    }
}
