using System.Text.Json;
using Honeydipper.KubeApi.Emulator;
using Honeydipper.Kubernetes.Resources;
using k8s;
using k8s.Models;

namespace Honeydipper.Operator.Tests;

/// <summary>How the configuration objects' statuses are written: per object, only when they differ, retried alone, the last verdict winning.</summary>
public sealed class ConfigStatusTests
{
    [Fact]
    public async Task An_object_whose_status_cannot_be_written_holds_up_no_other_and_is_retried_alone()
    {
        await using OperatorFixture f = await OperatorFixture.StartAsync("status-retry");
        f.StartOperator("op-1");
        await f.ApplyAsync(OperatorTests.Sample);
        await Poll.UntilAsync(async () => await ReadyAtAsync(f, "rules", "on-hello", 1) && await ReadyAtAsync(f, "systems", "demo", 1) && await ReadyAtAsync(f, "workflows", "greet", 1),
            "the configuration to be Ready");
        int before = f.OperatorRequests.Count(IsStatusWrite);

        // The System's status writes are refused (it comes first in the namespace) while both it and the Workflow change.
        int refused = 0;
        bool refusing = true;
        f.Emulator.Faults.FailNext(int.MaxValue, 500, r => Volatile.Read(ref refusing) && IsStatusWrite(r) && r.Resource == "systems" && r.Name == "demo" && Interlocked.Increment(ref refused) > 0);
        await PatchAsync(f, "systems", "demo", """{"spec":{"description":"says hello"}}""");
        await PatchAsync(f, "workflows", "greet", """{"spec":{"description":"greet twice, politely"}}""");
        await Poll.UntilAsync(() => ReadyAtAsync(f, "workflows", "greet", 2), "the Workflow's status to show generation 2 while the System's cannot be written");
        await Poll.UntilAsync(() => Volatile.Read(ref refused) >= 2, "the System's write to be refused and retried");
        Volatile.Write(ref refusing, false);
        await Poll.UntilAsync(() => ReadyAtAsync(f, "systems", "demo", 2), "the System's status to show generation 2 once the API takes it");

        List<RecordedRequest> writes = [.. f.OperatorRequests.Where(IsStatusWrite).Skip(before)];
        Assert.Equal(Volatile.Read(ref refused) + 1, writes.Count(w => w.Resource == "systems")); // the refused ones, then one
        Assert.Equal(1, writes.Count(w => w.Resource == "workflows")); // not written again for the System's failures
        Assert.DoesNotContain(writes, w => w.Resource == "rules"); // it already said so
    }

    [Fact]
    public async Task While_an_object_s_status_cannot_be_written_its_latest_verdict_is_the_one_written_in_the_end()
    {
        await using OperatorFixture f = await OperatorFixture.StartAsync("status-latest");
        f.StartOperator("op-1");
        await f.ApplyAsync(OperatorTests.Sample);
        await Poll.UntilAsync(() => ReadyAtAsync(f, "workflows", "greet", 1), "the Workflow to be Ready");

        bool refusing = true;
        f.Emulator.Faults.FailNext(int.MaxValue, 500, r => Volatile.Read(ref refusing) && IsStatusWrite(r) && r.Resource == "workflows" && r.Name == "greet");
        int accepted = Writes();
        int Writes() => f.OperatorRequests.Count(r => IsStatusWrite(r) && r.Resource == "workflows" && r.Name == "greet");
        int Refused() => Writes() - accepted;

        // Generation 2 is invalid (no such function); its status write is refused, and retried.
        await PatchAsync(f, "workflows", "greet", """{"spec":{"steps":[{"call_function":"demo.nope"}]}}""");
        await Poll.UntilAsync(() => Refused() >= 2, "the invalid verdict's write to be refused and retried");

        // Generation 3 is valid again: from then on, only it may be written.
        int refusedBefore = Refused();
        await PatchAsync(f, "workflows", "greet", """{"spec":{"steps":[{"call_function":"demo.say"}]}}""");
        await Poll.UntilAsync(() => Refused() > refusedBefore, "the valid verdict's write to be refused too");
        Volatile.Write(ref refusing, false);

        await Poll.UntilAsync(() => ReadyAtAsync(f, "workflows", "greet", 3), "the Workflow's status to show generation 3 as Ready");
        JsonElement ready = Ready(await OperatorTests.GetAsync<JsonElement>(f, "workflows", "greet"))!.Value;
        Assert.Equal(("Valid", 3), (ready.GetProperty("reason").GetString(), ready.GetProperty("observedGeneration").GetInt64()));
    }

    private static bool IsStatusWrite(RecordedRequest r) =>
        r.User == OperatorFixture.OperatorUser && r.Verb == "update" && r.Subresource == "status" && r.Resource is "rules" or "systems" or "workflows" or "contexts";

    private static async Task PatchAsync(OperatorFixture f, string plural, string name, string patch) =>
        await f.Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), HoneydipperApi.Group, HoneydipperApi.Version, f.Namespace, plural, name);

    /// <summary>Ready=True, for the generation given, in the condition and in status.observedGeneration.</summary>
    private static async Task<bool> ReadyAtAsync(OperatorFixture f, string plural, string name, long generation)
    {
        JsonElement obj = await OperatorTests.GetAsync<JsonElement>(f, plural, name);
        return obj.GetProperty("metadata").GetProperty("generation").GetInt64() == generation
            && obj.TryGetProperty("status", out JsonElement status) && status.TryGetProperty("observedGeneration", out JsonElement observed) && observed.GetInt64() == generation
            && Ready(obj) is { } ready && ready.GetProperty("status").GetString() == "True" && ready.GetProperty("observedGeneration").GetInt64() == generation;
    }

    private static JsonElement? Ready(JsonElement obj) =>
        obj.TryGetProperty("status", out JsonElement status) && status.TryGetProperty("conditions", out JsonElement conditions)
            ? conditions.EnumerateArray().Where(c => c.GetProperty("type").GetString() == "Ready").Select(c => (JsonElement?)c).FirstOrDefault()
            : null;
}
