using Honeydipper.Bus.Protocol;
using Honeydipper.Drivers.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Honeydipper.Drivers.Tests.Kubernetes;

/// <summary>
/// The kubernetes driver on the real bus against the Kubernetes API emulator with a real KubernetesClient. No kubelet
/// or job controller runs there, so the tests play them: they write job status and pods as those would.
/// </summary>
public sealed class KubernetesDriverTests(RedisFixture redis, EmulatorFixture cluster) : IClassFixture<RedisFixture>, IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private readonly string _ns = "k" + Guid.NewGuid().ToString("N")[..10];
    private readonly k8s.Kubernetes _client = cluster.Emulator.CreateClient();
    private DriverHarness _driver = null!;

    public async Task InitializeAsync()
    {
        cluster.Emulator.CreateNamespace(_ns);
        KubernetesClientConfiguration config = cluster.Emulator.ClientConfiguration();
        config.Namespace = _ns;
        _driver = await DriverHarness.StartAsync(redis, "kubernetes", settings: new BuiltinDriverSettings { Kubernetes = config });
    }

    public async Task DisposeAsync()
    {
        await _driver.DisposeAsync();
        _client.Dispose();
    }

    private const string PiJob = """
        job:
          apiVersion: batch/v1
          kind: Job
          metadata: {name: pi}
          spec:
            backoffLimit: 4
            template:
              spec:
                restartPolicy: Never
                containers: [{name: pi, image: perl, command: [perl, -e, print 3.14]}]
        """;

    [Fact]
    public async Task CreateJob_creates_the_job_in_the_driver_s_namespace_and_returns_its_metadata()
    {
        BusReturn answer = await _driver.CallAsync("createJob", Options.Map(PiJob + "\nsource: {type: local}"));

        Assert.Equal("success", answer.Status);
        IDictionary<string, object?> metadata = (IDictionary<string, object?>)((IDictionary<string, object?>)answer.Payload!)["metadata"]!;
        Assert.Equal("pi", metadata["name"]);
        Assert.Equal(_ns, metadata["namespace"]);
        V1Job job = await _client.BatchV1.ReadNamespacedJobAsync("pi", _ns);
        Assert.Equal("perl", job.Spec.Template.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task CreateJob_with_a_unique_identifier_returns_the_active_job_instead_of_a_second_one()
    {
        string manifest = """
            job:
              metadata: {generateName: backup-, labels: {honeydipper-unique-identifier: nightly}}
              spec: {template: {spec: {restartPolicy: Never, containers: [{name: b, image: busybox}]}}}
            """;
        BusReturn first = await _driver.CallAsync("createJob", Options.Map(manifest));
        string name = (string)((IDictionary<string, object?>)((IDictionary<string, object?>)first.Payload!)["metadata"]!)["name"]!;
        await SetJobStatusAsync(name, new V1JobStatus { Active = 1 });

        BusReturn second = await _driver.CallAsync("createJob", Options.Map(manifest));

        Assert.Equal(name, ((IDictionary<string, object?>)((IDictionary<string, object?>)second.Payload!)["metadata"]!)["name"]);
        Assert.Single((await _client.BatchV1.ListNamespacedJobAsync(_ns)).Items);
    }

    [Fact]
    public async Task CreateJob_from_a_cronjob_takes_its_job_template_and_merges_the_given_job_over_it()
    {
        await _client.BatchV1.CreateNamespacedCronJobAsync(new V1CronJob
        {
            Metadata = new V1ObjectMeta { Name = "report" },
            Spec = new V1CronJobSpec
            {
                Schedule = "0 1 * * *",
                JobTemplate = new V1JobTemplateSpec
                {
                    Spec = new V1JobSpec
                    {
                        Template = new V1PodTemplateSpec
                        {
                            Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "report", Image = "reporter:1", Args = ["--daily"] }] },
                        },
                    },
                },
            },
        }, _ns);

        BusReturn answer = await _driver.CallAsync("createJob", Options.Map("""
            fromCronJob: report
            job: {metadata: {name: report-now}, spec: {template: {spec: {containers: [{name: extra, image: sidecar:1}]}}}}
            """));

        Assert.Equal("success", answer.Status);
        V1Job job = await _client.BatchV1.ReadNamespacedJobAsync("report-now", _ns);
        Assert.Equal(["report", "extra"], job.Spec.Template.Spec.Containers.Select(c => c.Name)); // lists are appended, as mergo does
        Assert.Equal(["--daily"], job.Spec.Template.Spec.Containers[0].Args);
    }

    [Fact]
    public async Task WaitForJob_answers_success_when_the_job_completes()
    {
        await _driver.CallAsync("createJob", Options.Map(PiJob));
        Task<BusReturn> waiting = _driver.CallAsync("waitForJob", Options.Map("{job: pi}"));
        await Poll.UntilAsync(() => cluster.Emulator.Requests.Any(r => r.Verb == "watch" && r.Resource == "jobs" && r.Namespace == _ns), "the driver to watch the job");
        Assert.False(waiting.IsCompleted);

        await SetJobStatusAsync("pi", new V1JobStatus { Succeeded = 1, Conditions = [new V1JobCondition { Type = "Complete", Status = "True" }] });

        BusReturn answer = await waiting;
        Assert.Equal("success", answer.Status);
        Assert.Equal(1.0, ((IDictionary<string, object?>)((IDictionary<string, object?>)answer.Payload!)["status"]!)["succeeded"]);
    }

    [Fact]
    public async Task WaitForJob_answers_failure_with_the_reasons_when_the_job_fails()
    {
        await _driver.CallAsync("createJob", Options.Map(PiJob));
        Task<BusReturn> waiting = _driver.CallAsync("waitForJob", Options.Map("{job: pi}"));
        await Poll.UntilAsync(() => cluster.Emulator.Requests.Any(r => r.Verb == "watch" && r.Resource == "jobs" && r.Namespace == _ns), "the driver to watch the job");

        await SetJobStatusAsync("pi", new V1JobStatus { Failed = 5, Conditions = [new V1JobCondition { Type = "Failed", Status = "True", Reason = "BackoffLimitExceeded" }] });

        BusReturn answer = await waiting;
        Assert.Equal(("failure", "BackoffLimitExceeded"), (answer.Status, answer.Reason));
    }

    [Fact]
    public async Task WaitForJob_of_a_job_that_already_finished_answers_at_once_and_an_unfinished_one_times_out()
    {
        await _driver.CallAsync("createJob", Options.Map(PiJob));
        BusReturn timedOut = await _driver.CallAsync("waitForJob", Options.Map("{job: pi}"), new Dictionary<string, string> { ["timeout"] = "1" });
        await SetJobStatusAsync("pi", new V1JobStatus { Conditions = [new V1JobCondition { Type = "Complete", Status = "True" }] });
        BusReturn done = await _driver.CallAsync("waitForJob", Options.Map("{job: pi}"));
        BusReturn missing = await _driver.CallAsync("waitForJob", Options.Map("{job: nope}"));

        Assert.Equal(("error", "timeout"), (timedOut.Status, timedOut.Reason));
        Assert.Equal("success", done.Status);
        Assert.Equal(("error", $"[kubernetes] waitForJob: job \"nope\" not found in namespace \"{_ns}\""), (missing.Status, missing.Reason));
    }

    [Fact]
    public async Task GetJobLog_returns_each_container_s_log_and_a_summary_and_fails_with_a_failed_job()
    {
        await _driver.CallAsync("createJob", Options.Map(PiJob));
        await CreatePodAsync("pi-abcde", "pi", exitCode: 0);
        cluster.Emulator.SetPodLog(_ns, "pi-abcde", "pi", "3.14\n");

        BusReturn answer = await _driver.CallAsync("getJobLog", Options.Map("{job: pi}"));

        Assert.Equal("success", answer.Status);
        IDictionary<string, object?> data = (IDictionary<string, object?>)answer.Payload!;
        Assert.Equal("3.14\n", ((IDictionary<string, object?>)((IDictionary<string, object?>)data["log"]!)["pi-abcde"]!)["pi"]);
        Assert.Equal("container pi-abcde.pi completed successfully\n>>>Logs<<<\n3.14\n", data["output"]);

        await SetJobStatusAsync("pi", new V1JobStatus { Conditions = [new V1JobCondition { Type = "Failed", Status = "True", Reason = "BackoffLimitExceeded" }] });
        BusReturn failed = await _driver.CallAsync("getJobLog", Options.Map("{job: pi}"));
        Assert.Equal("failure", failed.Status);
        Assert.Contains(">>>Logs<<<", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteJob_deletes_it()
    {
        await _driver.CallAsync("createJob", Options.Map(PiJob));

        BusReturn answer = await _driver.CallAsync("deleteJob", Options.Map("{job: pi}"));

        Assert.Equal("success", answer.Status);
        HttpOperationException gone = await Assert.ThrowsAsync<HttpOperationException>(() => _client.BatchV1.ReadNamespacedJobAsync("pi", _ns));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.Response.StatusCode);
        Assert.Contains(cluster.Emulator.Requests, r => r.Verb == "delete" && r.Resource == "jobs" && r.Name == "pi");
    }

    [Theory]
    [InlineData("web")]
    [InlineData("app=web")]
    public async Task RecycleDeployment_deletes_the_replicaset_of_the_current_revision_only(string deployment)
    {
        Dictionary<string, string> labels = new() { ["app"] = "web" };
        await _client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "web", Labels = labels, Annotations = new Dictionary<string, string> { ["deployment.kubernetes.io/revision"] = "2" } },
            Spec = new V1DeploymentSpec
            {
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = labels }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "web:2" }] } },
            },
        }, _ns);
        foreach (string revision in new[] { "1", "2" })
        {
            await _client.AppsV1.CreateNamespacedReplicaSetAsync(new V1ReplicaSet
            {
                Metadata = new V1ObjectMeta { Name = "web-rev" + revision, Labels = labels, Annotations = new Dictionary<string, string> { ["deployment.kubernetes.io/revision"] = revision } },
                Spec = new V1ReplicaSetSpec { Selector = new V1LabelSelector { MatchLabels = labels }, Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = labels } } },
            }, _ns);
        }

        BusReturn answer = await _driver.CallAsync("recycleDeployment", Options.Map($"{{deployment: '{deployment}'}}"));

        Assert.Equal("success", answer.Status);
        Assert.Equal(["web-rev1"], (await _client.AppsV1.ListNamespacedReplicaSetAsync(_ns)).Items.Select(rs => rs.Metadata.Name));
    }

    [Fact]
    public async Task CreatePVC_and_deletePVC_manage_a_claim()
    {
        BusReturn created = await _driver.CallAsync("createPVC", Options.Map("""
            pvc:
              metadata: {name: scratch}
              spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
            """));
        Assert.Equal(("success", ""), (created.Status, created.Reason));
        Assert.Equal("1Gi", (await _client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("scratch", _ns)).Spec.Resources.Requests["storage"].ToString());

        BusReturn deleted = await _driver.CallAsync("deletePVC", Options.Map("{pvc: scratch}"));
        Assert.Equal(("success", ""), (deleted.Status, deleted.Reason));
        Assert.Empty((await _client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(_ns)).Items);
    }

    [Fact]
    public async Task Another_namespace_another_cluster_or_a_missing_parameter_is_refused_with_what_to_do()
    {
        BusReturn otherNamespace = await _driver.CallAsync("createJob", Options.Map(PiJob + "\nnamespace: kube-system"));
        BusReturn gke = await _driver.CallAsync("deleteJob", Options.Map("{job: pi, source: {type: gcloud-gke, cluster: prod}}"));
        BusReturn noJob = await _driver.CallAsync("deleteJob", Options.Map("{}"));
        BusReturn apiError = await _driver.CallAsync("deleteJob", Options.Map("{job: nope}"));

        Assert.Equal($"[kubernetes] namespace \"kube-system\" is not this driver's: it works only in \"{_ns}\" (through its service account); leave namespace out, or run a kubernetes driver in \"kube-system\"", otherNamespace.Reason);
        Assert.StartsWith("[kubernetes] source type \"gcloud-gke\" is not supported", gke.Reason, StringComparison.Ordinal);
        Assert.Equal("[kubernetes] deleteJob: parameter job is required but missing", noJob.Reason);
        Assert.StartsWith("[kubernetes] deleteJob nope: 404 ", apiError.Reason, StringComparison.Ordinal);
        Assert.Empty((await _client.BatchV1.ListNamespacedJobAsync("kube-system")).Items);
    }

    /// <summary>What the job controller does: writes the job's status through /status.</summary>
    private async Task SetJobStatusAsync(string name, V1JobStatus status)
    {
        V1Job job = await _client.BatchV1.ReadNamespacedJobAsync(name, _ns);
        job.Status = status;
        await _client.BatchV1.ReplaceNamespacedJobStatusAsync(job, name, _ns);
    }

    /// <summary>What the job controller and the kubelet leave behind: a pod labelled with its job, its container terminated.</summary>
    private async Task CreatePodAsync(string name, string job, int exitCode)
    {
        V1Pod pod = await _client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["job-name"] = job } },
            Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "pi", Image = "perl" }] },
        }, _ns);
        pod.Status = new V1PodStatus
        {
            Phase = exitCode == 0 ? "Succeeded" : "Failed",
            ContainerStatuses = [new V1ContainerStatus { Name = "pi", Image = "perl", ImageID = "perl", Ready = false, RestartCount = 0, State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = exitCode } } }],
        };
        await _client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, name, _ns);
    }
}
