using System.Text.Json;
using Honeydipper.Kubernetes.Resources;
using Honeydipper.Kubernetes.Resources.WorkflowRuns;
using k8s;
using k8s.Models;

namespace Honeydipper.Operator.Tests;

/// <summary>ConfigRepo against the emulator with real repositories made by the git CLI (file:// URLs).</summary>
public sealed class ConfigRepoTests : IDisposable
{
    private const string Init = """
        workflows:
          greet:
            description: says hello
            export:
              greeting: hello
          tidy:
            description: tidies up
            export:
              tidy: true
        rules:
          - when:
              driver: webhook
              if_match:
                url: /hello
            do:
              call_workflow: greet
        """;

    private readonly GitRepo _repo = GitRepo.Create();
    private readonly DirectoryInfo _cache = Directory.CreateTempSubdirectory("hd-opgit-");

    public void Dispose()
    {
        _repo.Dispose();
        _cache.Delete(recursive: true);
    }

    private OperatorOptions Options => new() { GitCacheDirectory = _cache.FullName };

    private string ConfigRepo(string interval = "1s", string extra = "") => $"""
        kind: ConfigRepo
        metadata: {"{"}name: team-config{"}"}
        spec:
          url: {_repo.Url}
          branch: main
          interval: {interval}
        {extra}
        """;

    private static async Task<JsonElement> RepoAsync(OperatorFixture f) => await OperatorTests.GetAsync<JsonElement>(f, "configrepos", "team-config");

    private static string? Condition(JsonElement repo, string type, string field = "status") =>
        repo.TryGetProperty("status", out JsonElement s) && s.TryGetProperty("conditions", out JsonElement list)
            ? list.EnumerateArray().Where(c => c.GetProperty("type").GetString() == type).Select(c => c.GetProperty(field).GetString()).FirstOrDefault()
            : null;

    private static string? Status(JsonElement repo, string field) =>
        repo.TryGetProperty("status", out JsonElement s) && s.TryGetProperty(field, out JsonElement v) ? v.ToString() : null;

    private static async Task<List<JsonElement>> ListAsync(OperatorFixture f, string plural)
    {
        JsonElement list = await f.Client.CustomObjects.ListNamespacedCustomObjectAsync<JsonElement>(HoneydipperApi.Group, HoneydipperApi.Version, f.Namespace, plural);
        return [.. list.GetProperty("items").EnumerateArray()];
    }

    private static async Task<bool> ExistsAsync(OperatorFixture f, string plural, string name) =>
        (await ListAsync(f, plural)).Any(o => o.GetProperty("metadata").GetProperty("name").GetString() == name);

    [Fact]
    public async Task A_repository_is_synced_owned_and_labelled_then_a_new_commit_prunes_and_updates_only_what_changed()
    {
        string first = _repo.Commit("first", new Dictionary<string, string?> { ["init.yaml"] = Init });
        await using OperatorFixture f = await OperatorFixture.StartAsync("gitops-sync");
        f.StartOperator("op-1", Options);
        await f.ApplyAsync(ConfigRepo());

        await Poll.UntilAsync(async () => Status(await RepoAsync(f), "lastSyncedCommit") == first, "the first commit to be synced", TimeSpan.FromSeconds(30));
        JsonElement repo = await RepoAsync(f);
        Assert.Equal("True", Condition(repo, "Ready"));
        Assert.Equal("False", Condition(repo, "Stalled"));
        Assert.Equal("3", Status(repo, "objectsApplied"));
        Assert.Contains("3 created", Condition(repo, "Ready", "message"), StringComparison.Ordinal);
        JsonElement greet = await OperatorTests.GetAsync<JsonElement>(f, "workflows", "greet");
        Assert.Equal("team-config", greet.GetProperty("metadata").GetProperty("labels").GetProperty("honeydipper.io/configrepo").GetString());
        JsonElement owner = greet.GetProperty("metadata").GetProperty("ownerReferences")[0];
        Assert.Equal(("ConfigRepo", "team-config", true), (owner.GetProperty("kind").GetString(), owner.GetProperty("name").GetString(), owner.GetProperty("controller").GetBoolean()));
        await Poll.UntilAsync(() => OperatorTests.ReadyAsync(f, "workflows", "greet"), "the synced workflow to be compiled and Ready");

        // A run records the commit it ran with.
        await f.ApplyAsync("kind: WorkflowRun\nmetadata: {name: by-hand}\nspec: {workflow: greet}\n");
        await Poll.UntilAsync(async () => (await OperatorTests.GetAsync<WorkflowRun>(f, "workflowruns", "by-hand")).Status?.Phase == WorkflowRunPhases.Succeeded, "the run to succeed");
        Assert.Equal($"git:{first}", (await OperatorTests.GetAsync<WorkflowRun>(f, "workflowruns", "by-hand")).Status!.ConfigRevision);

        string ruleVersion = (await ListAsync(f, "rules")).Single().GetProperty("metadata").GetProperty("resourceVersion").GetString()!;
        string greetVersion = greet.GetProperty("metadata").GetProperty("resourceVersion").GetString()!;
        string second = _repo.Commit("drop tidy, reword greet", new Dictionary<string, string?>
        {
            ["init.yaml"] = Init.Replace("says hello", "says hello warmly", StringComparison.Ordinal).Replace("  tidy:\n    description: tidies up\n    export:\n      tidy: true\n", string.Empty, StringComparison.Ordinal),
        });
        await Poll.UntilAsync(async () => Status(await RepoAsync(f), "lastSyncedCommit") == second, "the new commit to be picked up within the interval", TimeSpan.FromSeconds(30));
        Assert.Contains("1 updated, 1 unchanged, 1 pruned", Condition(await RepoAsync(f), "Ready", "message"), StringComparison.Ordinal);
        Assert.False(await ExistsAsync(f, "workflows", "tidy"));
        greet = await OperatorTests.GetAsync<JsonElement>(f, "workflows", "greet");
        Assert.Equal("says hello warmly", greet.GetProperty("spec").GetProperty("description").GetString());
        Assert.NotEqual(greetVersion, greet.GetProperty("metadata").GetProperty("resourceVersion").GetString());
        Assert.Equal(ruleVersion, (await ListAsync(f, "rules")).Single().GetProperty("metadata").GetProperty("resourceVersion").GetString());
    }

    [Fact]
    public async Task A_bad_commit_changes_nothing_and_stalls_with_file_and_line_until_a_fix_recovers()
    {
        string good = _repo.Commit("good", new Dictionary<string, string?> { ["init.yaml"] = Init });
        await using OperatorFixture f = await OperatorFixture.StartAsync("gitops-bad");
        f.StartOperator("op-1", Options);
        await f.ApplyAsync(ConfigRepo());
        await Poll.UntilAsync(async () => Status(await RepoAsync(f), "lastSyncedCommit") == good, "the good commit to be synced", TimeSpan.FromSeconds(30));

        string bad = _repo.Commit("bad", new Dictionary<string, string?> { ["init.yaml"] = Init + "\nworkflows: [\n" });
        await Poll.UntilAsync(async () => Condition(await RepoAsync(f), "Stalled") == "True", "the bad commit to stall the ConfigRepo", TimeSpan.FromSeconds(30));
        JsonElement repo = await RepoAsync(f);
        Assert.Equal(bad, Status(repo, "lastAttemptedCommit"));
        Assert.Equal(good, Status(repo, "lastSyncedCommit"));
        Assert.Equal("False", Condition(repo, "Ready"));
        Assert.Equal("InvalidConfig", Condition(repo, "Ready", "reason"));
        Assert.Matches(@"init\.yaml:\d+", Condition(repo, "Stalled", "message"));
        Assert.True(await ExistsAsync(f, "workflows", "greet"));
        Assert.True(await ExistsAsync(f, "workflows", "tidy"));

        string fix = _repo.Commit("fix", new Dictionary<string, string?> { ["init.yaml"] = Init });
        await Poll.UntilAsync(async () => Status(await RepoAsync(f), "lastSyncedCommit") == fix, "the fix to recover", TimeSpan.FromSeconds(30));
        repo = await RepoAsync(f);
        Assert.Equal("True", Condition(repo, "Ready"));
        Assert.Equal("False", Condition(repo, "Stalled"));
    }

    [Fact]
    public async Task An_object_made_by_hand_is_a_conflict_and_is_not_overwritten()
    {
        _repo.Commit("first", new Dictionary<string, string?> { ["init.yaml"] = Init });
        await using OperatorFixture f = await OperatorFixture.StartAsync("gitops-conflict");
        await f.ApplyAsync("kind: Workflow\nmetadata: {name: tidy}\nspec: {description: mine}\n");
        f.StartOperator("op-1", Options);
        await f.ApplyAsync(ConfigRepo());

        await Poll.UntilAsync(async () => Condition(await RepoAsync(f), "Ready", "reason") == "Conflict", "the conflict to be reported", TimeSpan.FromSeconds(30));
        Assert.Contains("Workflow tidy", Condition(await RepoAsync(f), "Ready", "message"), StringComparison.Ordinal);
        JsonElement tidy = await OperatorTests.GetAsync<JsonElement>(f, "workflows", "tidy");
        Assert.Equal("mine", tidy.GetProperty("spec").GetProperty("description").GetString());
        Assert.False(tidy.GetProperty("metadata").TryGetProperty("ownerReferences", out _));
        Assert.True(await ExistsAsync(f, "workflows", "greet"));
    }

    [Fact]
    public async Task The_sync_now_annotation_syncs_at_once_and_a_deleted_or_edited_object_is_put_back()
    {
        _repo.Commit("first", new Dictionary<string, string?> { ["init.yaml"] = Init });
        await using OperatorFixture f = await OperatorFixture.StartAsync("gitops-now");
        f.StartOperator("op-1", Options);
        await f.ApplyAsync(ConfigRepo(interval: "1h"));
        await Poll.UntilAsync(() => ExistsAsync(f, "workflows", "greet"), "the first sync", TimeSpan.FromSeconds(30));

        await f.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(HoneydipperApi.Group, HoneydipperApi.Version, f.Namespace, "workflows", "greet");
        await Poll.UntilAsync(() => ExistsAsync(f, "workflows", "greet"), "the deleted workflow to be put back from the last good commit");
        const string Edit = """{"spec":{"description":"edited by hand"}}""";
        await f.Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(Edit, V1Patch.PatchType.MergePatch), HoneydipperApi.Group, HoneydipperApi.Version, f.Namespace, "workflows", "greet");
        await Poll.UntilAsync(async () => (await OperatorTests.GetAsync<JsonElement>(f, "workflows", "greet")).GetProperty("spec").GetProperty("description").GetString() == "says hello",
            "the hand edit to be reverted to the repository's definition");

        string second = _repo.Commit("second", new Dictionary<string, string?> { ["init.yaml"] = Init.Replace("greet", "welcome", StringComparison.Ordinal) });
        const string Patch = """{"metadata":{"annotations":{"honeydipper.io/sync-now":"2026-11-25T15:00:00Z"}}}""";
        await f.Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(Patch, V1Patch.PatchType.MergePatch), HoneydipperApi.Group, HoneydipperApi.Version, f.Namespace, "configrepos", "team-config");
        await Poll.UntilAsync(async () => Status(await RepoAsync(f), "lastSyncedCommit") == second, "the annotation to sync at once despite the 1h interval", TimeSpan.FromSeconds(30));
        Assert.Equal("2026-11-25T15:00:00Z", Status(await RepoAsync(f), "lastHandledSyncNow"));
        Assert.True(await ExistsAsync(f, "workflows", "welcome"));
    }

    [Fact]
    public async Task The_original_reload_workflow_syncs_the_namespace_repositories_at_once()
    {
        const string Reload = """

            drivers:
              redispubsub: {}
            workflows:
              reload:
                call_driver: redispubsub.send
                with:
                  broadcastSubject: reload
            """;
        _repo.Commit("first", new Dictionary<string, string?> { ["init.yaml"] = Init, ["reload.yaml"] = Reload, ["includes.yaml"] = null });
        _repo.Commit("include reload", new Dictionary<string, string?> { ["init.yaml"] = "includes: [reload.yaml]\n" + Init });
        await using OperatorFixture f = await OperatorFixture.StartAsync("gitops-reload");
        f.StartOperator("op-1", Options);
        await f.ApplyAsync(ConfigRepo(interval: "1h"));
        await Poll.UntilAsync(async () => await ExistsAsync(f, "workflows", "reload") && await OperatorTests.ReadyAsync(f, "workflows", "reload"), "the reload workflow to be Ready (the operator serves redispubsub)", TimeSpan.FromSeconds(30));


        string second = _repo.Commit("second", new Dictionary<string, string?> { ["init.yaml"] = "includes: [reload.yaml]\n" + Init.Replace("greet", "welcome", StringComparison.Ordinal) });
        await f.ApplyAsync("kind: WorkflowRun\nmetadata: {name: reload-now}\nspec: {workflow: reload}\n");
        await Poll.UntilAsync(async () => (await OperatorTests.GetAsync<WorkflowRun>(f, "workflowruns", "reload-now")).Status?.Phase == WorkflowRunPhases.Succeeded, "the reload run to succeed", TimeSpan.FromSeconds(30));
        await Poll.UntilAsync(async () => Status(await RepoAsync(f), "lastSyncedCommit") == second, "the reload to sync the new commit despite the 1h interval", TimeSpan.FromSeconds(30));
        Assert.True(await ExistsAsync(f, "workflows", "welcome"));
    }

    [Fact]
    public async Task A_manifest_repository_that_writes_another_namespace_or_kind_is_refused_whole()
    {
        _repo.Commit("manifests", new Dictionary<string, string?>
        {
            ["ok.yaml"] = "apiVersion: honeydipper.io/v1alpha1\nkind: Workflow\nmetadata: {name: fine}\nspec: {export: {a: b}}\n",
            ["escape.yaml"] = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: admin-for-me}\n",
        });
        await using OperatorFixture f = await OperatorFixture.StartAsync("gitops-jail");
        f.StartOperator("op-1", Options);
        await f.ApplyAsync(ConfigRepo());
        await Poll.UntilAsync(async () => Condition(await RepoAsync(f), "Stalled") == "True", "the repository to be refused", TimeSpan.FromSeconds(30));
        Assert.Contains("escape.yaml:1", Condition(await RepoAsync(f), "Stalled", "message"), StringComparison.Ordinal);
        Assert.Contains("ClusterRoleBinding is not a Honeydipper configuration kind", Condition(await RepoAsync(f), "Stalled", "message"), StringComparison.Ordinal);
        Assert.False(await ExistsAsync(f, "workflows", "fine"));
        Assert.DoesNotContain(f.Emulator.Requests, r => r.Resource == "clusterrolebindings");
    }

    [Fact]
    public async Task The_essentials_fixture_syncs_into_the_complete_set_of_objects()
    {
        string commit = _repo.CommitFolder("essentials", RepoPaths.Essentials);
        await using OperatorFixture f = await OperatorFixture.StartAsync("gitops-essentials");
        f.StartOperator("op-1", Options);
        await f.ApplyAsync(ConfigRepo(interval: "1h"));
        await Poll.UntilAsync(async () => Status(await RepoAsync(f), "lastSyncedCommit") == commit, "essentials to be synced", TimeSpan.FromSeconds(60));
        Assert.Equal(9, (await ListAsync(f, "systems")).Count);
        Assert.Equal(29, (await ListAsync(f, "workflows")).Count);
        Assert.Equal(5, (await ListAsync(f, "rules")).Count);
        Assert.Equal(5, (await ListAsync(f, "contexts")).Count);
        int drivers = (await ListAsync(f, "drivers")).Count;
        Assert.Equal($"{9 + 29 + 5 + 5 + drivers}", Status(await RepoAsync(f), "objectsApplied"));
    }
}
