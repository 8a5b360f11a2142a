using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace Honeydipper.Packaging.Tests;

/// <summary>charts/honeydipper with the real helm: lint, render, and check every object it renders.</summary>
public sealed partial class ChartTests
{
    [Theory]
    [InlineData("default")]
    [InlineData("production")]
    public async Task Helm_lint_passes_strictly(string values)
    {
        ToolResult lint = await Tool.RunAsync(Tool.Helm, ["lint", "--strict", Chart.Folder, "--namespace", Chart.ReleaseNamespace, .. Chart.ValuesArgs(values)]);
        Assert.True(lint.ExitCode == 0, lint.ToString());
        Assert.Contains("1 chart(s) linted, 0 chart(s) failed", lint.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("production")]
    public async Task Every_rendered_object_is_a_known_kind_with_its_required_fields_and_its_references_resolve(string values)
    {
        RenderedObjects rendered = RenderedObjects.From(await Chart.TemplateAsync(values));
        List<string> problems = [];
        foreach ((string _, YamlMappingNode yaml, object? typed) in rendered.All)
        {
            string name = yaml.Str("metadata", "name") ?? string.Empty;
            if (!DnsName().IsMatch(name))
            {
                problems.Add($"{yaml.Describe()}: metadata.name \"{name}\" is not a DNS-1123 name");
            }

            bool clusterScoped = yaml.Str("kind") is "ClusterRole" or "ClusterRoleBinding" or "CustomResourceDefinition";
            if (clusterScoped == (yaml.Str("metadata", "namespace") is not null))
            {
                problems.Add($"{yaml.Describe()}: {(clusterScoped ? "a cluster-scoped object has a namespace" : "no metadata.namespace")}");
            }

            if (typed is not V1CustomResourceDefinition && yaml.Str("metadata", "labels", "app.kubernetes.io/instance") != "honeydipper")
            {
                problems.Add($"{yaml.Describe()}: no app.kubernetes.io/instance label");
            }
        }

        List<(string Kind, V1ObjectMeta Meta, V1PodTemplateSpec Template, V1LabelSelector Selector)> workloads =
        [
            .. rendered.Of<V1Deployment>().Select(d => ("Deployment", d.Metadata, d.Spec.Template, d.Spec.Selector)),
            .. rendered.Of<V1StatefulSet>().Select(s => ("StatefulSet", s.Metadata, s.Spec.Template, s.Spec.Selector)),
        ];
        foreach ((string kind, V1ObjectMeta meta, V1PodTemplateSpec template, V1LabelSelector selector) in workloads)
        {
            string what = $"{kind} {meta.Name}";
            if (selector?.MatchLabels is not { Count: > 0 } match || !Selects(match, template.Metadata?.Labels))
            {
                problems.Add($"{what}: spec.selector does not select its own pod template");
            }

            if (template.Spec.SecurityContext?.RunAsNonRoot != true || template.Spec.SecurityContext.SeccompProfile?.Type != "RuntimeDefault")
            {
                problems.Add($"{what}: the pod must run as non-root with the RuntimeDefault seccomp profile");
            }

            HashSet<string> volumes = [.. (template.Spec.Volumes ?? []).Select(v => v.Name), .. rendered.Of<V1StatefulSet>().Where(s => s.Metadata.Name == meta.Name).SelectMany(s => s.Spec.VolumeClaimTemplates ?? []).Select(c => c.Metadata.Name)];
            foreach (V1Container c in template.Spec.Containers)
            {
                if (string.IsNullOrEmpty(c.Image) || c.Image.EndsWith(':'))
                {
                    problems.Add($"{what}: container {c.Name} has no image tag");
                }

                if (c.Resources?.Requests is not { Count: > 0 } || c.Resources.Limits?.ContainsKey("memory") != true)
                {
                    problems.Add($"{what}: container {c.Name} needs resource requests and a memory limit");
                }

                if (c.SecurityContext is not { AllowPrivilegeEscalation: false, ReadOnlyRootFilesystem: true } || c.SecurityContext.Capabilities?.Drop?.Contains("ALL") != true)
                {
                    problems.Add($"{what}: container {c.Name} must drop all capabilities, allow no privilege escalation and have a read-only root filesystem");
                }

                if (c.LivenessProbe is null || c.ReadinessProbe is null)
                {
                    problems.Add($"{what}: container {c.Name} needs liveness and readiness probes");
                }

                problems.AddRange((c.VolumeMounts ?? []).Where(m => !volumes.Contains(m.Name)).Select(m => $"{what}: container {c.Name} mounts volume {m.Name}, which the pod does not have"));
                HashSet<string> ports = [.. (c.Ports ?? []).Select(p => p.Name)];
                problems.AddRange(new[] { c.LivenessProbe, c.ReadinessProbe, c.StartupProbe }.Select(p => p?.HttpGet?.Port?.Value ?? p?.TcpSocket?.Port?.Value)
                    .Where(p => p is not null && !int.TryParse(p, out _) && !ports.Contains(p)).Select(p => $"{what}: a probe uses port {p}, which container {c.Name} does not declare"));
            }

            if (template.Spec.ServiceAccountName is { } sa && rendered.Of<V1ServiceAccount>().All(s => s.Metadata.Name != sa))
            {
                problems.Add($"{what}: service account {sa} is not rendered");
            }
        }

        foreach (V1StatefulSet sts in rendered.Of<V1StatefulSet>())
        {
            if (rendered.Of<V1Service>().FirstOrDefault(s => s.Metadata.Name == sts.Spec.ServiceName) is not { Spec.ClusterIP: "None" })
            {
                problems.Add($"StatefulSet {sts.Metadata.Name}: spec.serviceName must name a rendered headless Service");
            }
        }

        foreach (V1Service svc in rendered.Of<V1Service>())
        {
            // honeydipper.io/leader is the one label the operator puts on its own pod at run time (the API Service selects the leader).
            Dictionary<string, string>? selector = svc.Spec.Selector?.Where(kv => kv.Key != "honeydipper.io/leader").ToDictionary();
            var target = workloads.FirstOrDefault(w => Selects(selector, w.Template.Metadata.Labels));
            if (target.Template is null)
            {
                problems.Add($"Service {svc.Metadata.Name}: its selector matches no rendered workload");
                continue;
            }

            HashSet<string> ports = [.. target.Template.Spec.Containers.SelectMany(c => c.Ports ?? []).Select(p => p.Name)];
            problems.AddRange(svc.Spec.Ports.Where(p => p.TargetPort?.Value is { } t && !int.TryParse(t, out _) && !ports.Contains(t)).Select(p => $"Service {svc.Metadata.Name}: targetPort {p.TargetPort.Value} is no port of {target.Meta.Name}"));
        }

        foreach (V1PodDisruptionBudget pdb in rendered.Of<V1PodDisruptionBudget>())
        {
            V1Deployment? covered = rendered.Of<V1Deployment>().FirstOrDefault(d => Selects(pdb.Spec.Selector.MatchLabels, d.Spec.Template.Metadata.Labels));
            if (covered is null || !int.TryParse(pdb.Spec.MinAvailable?.Value, out int min) || min >= covered.Spec.Replicas)
            {
                problems.Add($"PodDisruptionBudget {pdb.Metadata.Name}: must select the operator and leave a replica free to evict (minAvailable < replicas)");
            }
        }

        HashSet<string> roles = [.. rendered.Of<V1Role>().Select(r => $"Role/{r.Metadata.NamespaceProperty}/{r.Metadata.Name}"), .. rendered.Of<V1ClusterRole>().Select(r => $"ClusterRole//{r.Metadata.Name}")];
        foreach (V1RoleBinding rb in rendered.Of<V1RoleBinding>())
        {
            string wanted = rb.RoleRef.Kind == "Role" ? $"Role/{rb.Metadata.NamespaceProperty}/{rb.RoleRef.Name}" : $"ClusterRole//{rb.RoleRef.Name}";
            if (!roles.Contains(wanted) || rb.Subjects is not { Count: > 0 })
            {
                problems.Add($"RoleBinding {rb.Metadata.Name}: roleRef {wanted} is not rendered, or no subject");
            }
        }

        foreach (V1ClusterRoleBinding crb in rendered.Of<V1ClusterRoleBinding>())
        {
            if (!roles.Contains($"ClusterRole//{crb.RoleRef.Name}") || crb.Subjects is not { Count: > 0 })
            {
                problems.Add($"ClusterRoleBinding {crb.Metadata.Name}: roleRef {crb.RoleRef.Name} is not rendered, or no subject");
            }
        }

        foreach (YamlMappingNode monitor in rendered.OfKind("ServiceMonitor"))
        {
            Dictionary<string, string> match = ((YamlMappingNode)monitor.At("spec", "selector", "matchLabels")!).Children.ToDictionary(k => k.Key.ToString(), k => k.Value.ToString());
            V1Service? service = rendered.Of<V1Service>().FirstOrDefault(s => Selects(match, s.Metadata.Labels));
            string? port = monitor.At("spec", "endpoints") is YamlSequenceNode { Children: [YamlMappingNode first, ..] } ? first.Str("port") : null;
            if (service is null || service.Spec.Ports.All(p => p.Name != port))
            {
                problems.Add($"ServiceMonitor {monitor.Str("metadata", "name")}: selects no Service with a port named {port}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(7, rendered.Of<V1CustomResourceDefinition>().Count());
    }

    [Fact]
    public async Task The_operator_runs_as_two_replicas_with_leader_election_probes_and_the_bundled_Redis_by_default()
    {
        RenderedObjects rendered = RenderedObjects.From(await Chart.TemplateAsync("default"));
        V1Deployment op = rendered.Of<V1Deployment>().Single();
        V1Container c = op.Spec.Template.Spec.Containers.Single();
        Assert.Equal(2, op.Spec.Replicas);
        Assert.Equal(["operator", "--redis=honeydipper-redis.honeydipper-system.svc:6379", "--driver-redis=honeydipper-redis.honeydipper-system.svc:6379",
            "--driver-image=ghcr.io/honeydipper/honeydipper-operator:0.1.0", "--health=0.0.0.0:8081", "--api=0.0.0.0:9000"], c.Args);
        Assert.Equal(("/healthz", "/readyz"), (c.LivenessProbe.HttpGet.Path, c.ReadinessProbe.HttpGet.Path));
        Assert.Equal(["POD_NAMESPACE", "POD_NAME"], c.Env.Select(e => e.Name));
        Assert.Equal("metadata.namespace", c.Env[0].ValueFrom.FieldRef.FieldPath); // the leader Lease lives where the leader-election Role is
        V1Role leader = Assert.Single(rendered.Of<V1Role>(), r => r.Metadata.NamespaceProperty == Chart.ReleaseNamespace && r.Rules.Any(rule => rule.Resources.SequenceEqual(["leases"])));
        Assert.Equal(["leases", "pods"], leader.Rules.SelectMany(rule => rule.Resources));
        Assert.Equal(["list", "patch"], leader.Rules.Single(rule => rule.Resources.SequenceEqual(["pods"])).Verbs); // the leader labels its own pod and unlabels a previous leader's; no get, create or delete

        // The API Service reaches the leading replica only, on the container's api port.
        V1Service api = Assert.Single(rendered.Of<V1Service>(), s => s.Metadata.Name == "honeydipper-api");
        Assert.Equal("true", api.Spec.Selector["honeydipper.io/leader"]);
        Assert.Equal("operator", api.Spec.Selector["app.kubernetes.io/component"]);
        Assert.Equal(9000, c.Ports.Single(p => p.Name == "api").ContainerPort);
        Assert.Equal("api", api.Spec.Ports.Single().TargetPort.Value);
        Assert.Equal(1, rendered.Of<V1StatefulSet>().Single().Spec.Replicas);
        Assert.Empty(rendered.OfKind("ServiceMonitor"));
    }

    [Fact]
    public async Task An_external_Redis_with_TLS_and_a_password_reaches_the_operator_and_its_driver_pods()
    {
        RenderedObjects rendered = RenderedObjects.From(await Chart.TemplateAsync("production"));
        V1Container c = rendered.Of<V1Deployment>().Single().Spec.Template.Spec.Containers.Single();
        Assert.Contains("--redis=redis.example.internal:6380,ssl=true", c.Args);
        Assert.Contains("--driver-redis=redis.example.internal:6380,ssl=true", c.Args);
        Assert.Contains("--driver-redis-secret=redis-auth/password", c.Args);
        Assert.Contains("--namespace=ops", c.Args);
        V1EnvVar password = c.Env.Single(e => e.Name == "HD_REDIS_PASSWORD");
        Assert.Equal(("redis-auth", "password"), (password.ValueFrom.SecretKeyRef.Name, password.ValueFrom.SecretKeyRef.Key));
        Assert.DoesNotContain(c.Args, a => a.Contains("s3cret", StringComparison.Ordinal));
        Assert.Empty(rendered.Of<V1StatefulSet>());
        Assert.Equal(["ops/hd-kubernetes", "batch/batch-runner"], rendered.Of<V1RoleBinding>().Where(b => b.RoleRef.Name == "hd-driver-kubernetes").Select(b => $"{b.Metadata.NamespaceProperty}/{b.Subjects.Single().Name}"));
        Assert.Single(rendered.OfKind("ServiceMonitor"));
    }

    [Fact]
    public void The_chart_CRDs_are_config_crd_byte_for_byte()
    {
        string[] config = [.. Directory.GetFiles(Path.Combine(RepoPaths.RepoRoot, "config", "crd"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        string[] chart = [.. Directory.GetFiles(Path.Combine(Chart.Folder, "crds"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.Equal(config, chart);
        foreach (string file in config)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(RepoPaths.RepoRoot, "config", "crd", file)).SequenceEqual(File.ReadAllBytes(Path.Combine(Chart.Folder, "crds", file))),
                $"charts/honeydipper/crds/{file} differs from config/crd/{file}: run make crds");
        }
    }

    [Fact]
    public async Task The_chart_grants_exactly_the_rules_of_config_rbac()
    {
        RenderedObjects rendered = RenderedObjects.From(await Chart.TemplateAsync("default"));
        Dictionary<string, IList<V1PolicyRule>> chart = rendered.Of<V1ClusterRole>().Select(r => (r.Metadata.Name, r.Rules))
            .Concat(rendered.Of<V1Role>().Select(r => (r.Metadata.Name, r.Rules))).ToDictionary(r => r.Name, r => r.Rules);
        List<object> config = [.. Directory.GetFiles(Path.Combine(RepoPaths.RepoRoot, "config", "rbac"), "*.yaml").Where(f => !f.EndsWith("kustomization.yaml", StringComparison.Ordinal))
            .SelectMany(f => KubernetesYaml.LoadAllFromString(File.ReadAllText(f)))];
        Dictionary<string, IList<V1PolicyRule>> expected = config.OfType<V1ClusterRole>().Select(r => (r.Metadata.Name, r.Rules))
            .Concat(config.OfType<V1Role>().Select(r => (r.Metadata.Name, r.Rules))).ToDictionary(r => r.Name, r => r.Rules);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), chart.Keys.Order(StringComparer.Ordinal));
        foreach ((string name, IList<V1PolicyRule> rules) in expected)
        {
            Assert.True(Flatten(rules).SequenceEqual(Flatten(chart[name])), $"{name}: the chart grants\n{string.Join("\n", Flatten(chart[name]))}\nconfig/rbac grants\n{string.Join("\n", Flatten(rules))}");
        }
    }

    [Fact]
    public void Every_value_is_documented_in_the_chart_README()
    {
        YamlMappingNode values = Chart.Parse(File.ReadAllText(Path.Combine(Chart.Folder, "values.yaml"))).Single();
        string readme = File.ReadAllText(Path.Combine(Chart.Folder, "README.md"));
        List<string> missing = [.. Leaves(values, string.Empty).Where(key => !readme.Contains($"`{key}`", StringComparison.Ordinal))];
        Assert.True(missing.Count == 0, "charts/honeydipper/README.md does not describe: " + string.Join(", ", missing));
    }

    internal static bool Selects(IDictionary<string, string>? selector, IDictionary<string, string>? labels) =>
        selector is { Count: > 0 } && labels is not null && selector.All(kv => labels.TryGetValue(kv.Key, out string? v) && v == kv.Value);

    private static IEnumerable<string> Leaves(YamlMappingNode map, string prefix)
    {
        foreach ((YamlNode key, YamlNode value) in map.Children)
        {
            string path = prefix + key;
            if (value is YamlMappingNode { Children.Count: > 0 } child && path is not ("operator.resources" or "redis.resources"))
            {
                foreach (string leaf in Leaves(child, path + "."))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    private static List<string> Flatten(IEnumerable<V1PolicyRule> rules) =>
        [.. rules.SelectMany(r => r.ApiGroups.SelectMany(g => r.Resources.SelectMany(res => r.Verbs.Select(v => $"{g}/{res}:{v}")))).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")]
    private static partial Regex DnsName();
}
