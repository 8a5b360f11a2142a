using System.Text.RegularExpressions;
using Honeydipper.Cli;
using Honeydipper.KubeApi.Emulator;
using Honeydipper.KubeApi.Emulator.Rbac;
using Honeydipper.Kubernetes.Resources.WorkflowRuns;
using k8s.Models;

namespace Honeydipper.Operator.Tests;

/// <summary>
/// The <c>honeydipper</c> inspection commands in cluster mode against a running operator: a run started with
/// <c>run start</c> is run by the operator and <c>run get</c> shows it Succeeded. The people who ran the commands hold
/// only the aggregated roles of config/rbac (honeydipper-view, honeydipper-edit), and every call they made must be
/// granted by them.
/// </summary>
public sealed partial class CliClusterModeTests
{
    private const string Editor = "alice";
    private const string Viewer = "bob";

    [Fact]
    public async Task A_run_started_with_the_cli_is_run_by_the_operator_and_shown_by_run_get_under_the_aggregated_roles()
    {
        await using OperatorFixture f = await OperatorFixture.StartAsync("cli");
        await using Worker worker = Worker.Start(f);
        f.StartOperator("op-1");
        await f.ApplyAsync(OperatorTests.Sample);
        await Poll.UntilAsync(() => OperatorTests.ReadyAsync(f, "workflows", "greet"), "the workflow to be Ready");
        string dir = Directory.CreateTempSubdirectory("hd-cli-operator-").FullName;
        try
        {
            string editor = f.Emulator.WriteKubeconfig(Path.Combine(dir, "editor"), f.Namespace, Editor);
            string viewer = f.Emulator.WriteKubeconfig(Path.Combine(dir, "viewer"), f.Namespace, Viewer);

            (int code, string output) = await RunAsync("run", "start", "greet", "--with", "name=Ada", "--wait", "--kubeconfig", editor);
            Assert.True(code == 0, output);
            string name = StartedRun().Match(output).Groups[1].Value;
            Assert.Matches("^greet-[a-z0-9]{5}$", name);
            Assert.Contains("greeted: Ada", output, StringComparison.Ordinal);
            Assert.Equal(["Hello, Ada!", "Hello, Ada!"], worker.Texts());

            (code, output) = await RunAsync("run", "get", name, "--kubeconfig", viewer);
            Assert.True(code == 0, output);
            Assert.StartsWith($"run {name}: greet  Succeeded", output, StringComparison.Ordinal);
            Assert.Contains("└─ Succeeded greet (workflow", output, StringComparison.Ordinal);
            Assert.Equal(2, Regex.Count(output, @"Succeeded demo\.say \(call"));
            Assert.Contains("exported:\n  greeted: Ada", output, StringComparison.Ordinal);

            (code, output) = await RunAsync("runs", "--workflow", "greet", "--phase", "Succeeded", "--kubeconfig", viewer);
            Assert.True(code == 0, output);
            Assert.Matches($@"(?m)^{name}\s+greet\s+Succeeded\s", output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        // The verbs the commands used are what the aggregated roles grant; the viewer could not have started the run.
        RbacPolicy policy = new(OperatorRbac.Manifests().Select(m => m.Object).Append(Binding(f.Namespace, Editor, "honeydipper-edit")).Append(Binding(f.Namespace, Viewer, "honeydipper-view")));
        List<RecordedRequest> calls = [.. f.Emulator.Requests.Where(r => r.User is Editor or Viewer)];
        Assert.Contains(calls, r => r is { User: Editor, Verb: "create", Resource: "workflowruns" });
        Assert.Contains(calls, r => r is { User: Editor, Verb: "watch", Resource: "workflowruns" });
        Assert.Contains(calls, r => r is { User: Viewer, Verb: "get", Resource: "workflowruns" });
        Assert.Contains(calls, r => r is { User: Viewer, Verb: "list", Resource: "workflowruns" });
        Assert.All(calls, r => Assert.True(policy.Allows(r), $"{r.User} {r.Verb} {r.ResourcePath} in {r.Namespace} is not granted by config/rbac's honeydipper-edit/honeydipper-view"));
        Assert.False(policy.Allows(new RecordedRequest("create", "honeydipper.io", "v1alpha1", "workflowruns", null, f.Namespace, null, Viewer)));
    }

    [Fact]
    public async Task Run_cancel_sets_spec_cancel_and_waits_for_the_operator_to_record_the_run_as_Cancelled()
    {
        await using OperatorFixture f = await OperatorFixture.StartAsync("cli-cancel");
        await using Worker worker = Worker.Start(f, open: false); // the first call stays in flight
        f.StartOperator("op-1");
        await f.ApplyAsync(OperatorTests.Sample);
        await Poll.UntilAsync(() => OperatorTests.ReadyAsync(f, "workflows", "greet"), "the workflow to be Ready");
        string dir = Directory.CreateTempSubdirectory("hd-cli-cancel-").FullName;
        try
        {
            string editor = f.Emulator.WriteKubeconfig(Path.Combine(dir, "editor"), f.Namespace, Editor);
            (int code, string output) = await RunAsync("run", "start", "greet", "--with", "name=Ada", "-o", "json", "--kubeconfig", editor);
            Assert.True(code == 0, output);
            string name = System.Text.Json.JsonDocument.Parse(output).RootElement.GetProperty("id").GetString()!;
            await OperatorTests.RunAsync(f, r => r.Metadata.Name == name && r.Status?.Phase == "Running", "the run to be running");

            (code, output) = await RunAsync("run", "cancel", name, "--reason", new string('x', 1025), "--kubeconfig", editor);
            Assert.Equal(2, code);
            Assert.Contains("--reason is 1025 characters long", output, StringComparison.Ordinal);

            (code, output) = await RunAsync("run", "cancel", name, "--reason", "wrong target", "--wait", "--kubeconfig", editor);
            Assert.True(code == 0, output);
            Assert.StartsWith($"run {name}: greet  Cancelled", output, StringComparison.Ordinal);
            Assert.Contains($"cancelled by spec.cancel on WorkflowRun {name}: wrong target", output, StringComparison.Ordinal);
            WorkflowRun cancelled = await OperatorTests.GetAsync<WorkflowRun>(f, "workflowruns", name);
            Assert.Equal("wrong target", cancelled.Metadata.Annotations[WorkflowRun.CancelReasonAnnotation]);

            (code, output) = await RunAsync("run", "cancel", name, "--kubeconfig", editor);
            Assert.Equal(1, code);
            Assert.Contains("has already finished (Cancelled)", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        RbacPolicy policy = new(OperatorRbac.Manifests().Select(m => m.Object).Append(Binding(f.Namespace, Editor, "honeydipper-edit")));
        List<RecordedRequest> calls = [.. f.Emulator.Requests.Where(r => r.User is Editor)];
        Assert.Contains(calls, r => r is { Verb: "patch", Resource: "workflowruns" });
        Assert.All(calls, r => Assert.True(policy.Allows(r), $"{r.User} {r.Verb} {r.ResourcePath} in {r.Namespace} is not granted by config/rbac's honeydipper-edit"));
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        using StringWriter output = new();
        using CancellationTokenSource deadline = new(TimeSpan.FromSeconds(60)); // a --wait that never ends fails the test rather than hanging it
        int code = await CliApp.RunAsync(args, output, output, new CliEnvironment(new Dictionary<string, string>()), deadline.Token);
        return (code, output.ToString());
    }

    /// <summary>The ClusterRole granted in one namespace, as a team's access usually is.</summary>
    private static V1RoleBinding Binding(string ns, string user, string role) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"{user}-{role}", NamespaceProperty = ns },
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = role },
        Subjects = [new Rbacv1Subject { Kind = "User", Name = user, ApiGroup = "rbac.authorization.k8s.io" }],
    };

    [GeneratedRegex(@"^run (\S+): greet  Succeeded")]
    private static partial Regex StartedRun();
}
