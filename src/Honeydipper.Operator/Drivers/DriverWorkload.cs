using System.Security.Cryptography;
using System.Text;
using Honeydipper.Kubernetes.Resources.Drivers;
using Honeydipper.Operator.Kube;
using k8s;
using k8s.Models;

namespace Honeydipper.Operator.Drivers;

/// <summary>
/// What a Driver should run: a Deployment (with secure defaults), a Service when asked for, and a ServiceAccount
/// unless one is named. Pure: the same Driver and options always give the same objects, and the spec-hash annotation
/// lets the reconciler change the Deployment only when this output changes, so pods roll only for real changes.
/// </summary>
internal static class DriverWorkload
{
    public const string SpecHashAnnotation = "honeydipper.io/spec-hash";
    public const string DriverLabel = "honeydipper.io/driver";

    /// <summary>The name of the Deployment, Service and ServiceAccount: <c>hd-&lt;driver&gt;</c>, at most 63 characters.</summary>
    public static string WorkloadName(string driver)
    {
        string name = "hd-" + driver;
        if (name.Length <= 63)
        {
            return name;
        }

        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(driver)))[..8];
        return name[..54].TrimEnd('-', '.') + "-" + hash;
    }

    public static Dictionary<string, string> SelectorLabels(Driver driver) => new(StringComparer.Ordinal)
    {
        ["app.kubernetes.io/name"] = "honeydipper-driver",
        ["app.kubernetes.io/instance"] = driver.Metadata.Name,
    };

    public static Dictionary<string, string> Labels(Driver driver)
    {
        Dictionary<string, string> labels = SelectorLabels(driver);
        labels[OperatorKube.ManagedBy] = OperatorKube.ManagedByValue;
        labels[DriverLabel] = Runs.RunObjects.LabelValue(driver.Spec.Name ?? driver.Metadata.Name);
        return labels;
    }

    public static V1Deployment Deployment(Driver driver, OperatorOptions options, IReadOnlyCollection<string>? secrets = null)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(options);
        DriverSpec spec = driver.Spec;
        string ns = driver.Metadata.NamespaceProperty;
        string name = spec.Name ?? driver.Metadata.Name;
        int? port = spec.Service is { } service ? service.TargetPort ?? service.Port : null;
        List<V1EnvVar> env =
        [
            new() { Name = "HD_REDIS", Value = options.DriverRedis },
            new() { Name = "HD_NAMESPACE", Value = ns },
            new() { Name = "HD_DRIVER", Value = name },
            new() { Name = "POD_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } },
        ];
        if (options.DriverRedisPassword is (string secret, string key))
        {
            env.Add(new V1EnvVar { Name = "HD_REDIS_PASSWORD", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = secret, Key = key } } });
        }

        env.AddRange(spec.Env ?? []);
        V1Container container = new()
        {
            Name = "driver",
            Image = spec.Image ?? options.DriverImage,
            ImagePullPolicy = "IfNotPresent",
            Command = spec.Type is null ? spec.Command : null,
            Args = spec.Type is { } type ? BuiltinArgs(type, name, ns, port, spec.Args) : spec.Args,
            Env = env,
            EnvFrom = spec.EnvFrom,
            Ports = port is int p ? [new V1ContainerPort { Name = "http", ContainerPort = p, Protocol = "TCP" }] : null,
            Resources = spec.Resources ?? new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("50m"), ["memory"] = new("64Mi") },
                Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("256Mi") },
            },
            SecurityContext = new V1SecurityContext
            {
                RunAsNonRoot = true,
                ReadOnlyRootFilesystem = true,
                AllowPrivilegeEscalation = false,
                Capabilities = new V1Capabilities { Drop = ["ALL"] },
                SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
            },
            VolumeMounts = [new V1VolumeMount { Name = "tmp", MountPath = "/tmp" }, .. (secrets ?? []).Select(s => new V1VolumeMount { Name = SecretVolume(s), MountPath = $"{DriverSecrets.MountRoot}/{s}", ReadOnlyProperty = true })],
            ReadinessProbe = spec.Type == "webhook" && port is int probePort
                ? new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/hz/alive", Port = probePort }, PeriodSeconds = 10 }
                : null,
        };
        V1PodTemplateSpec template = new()
        {
            Metadata = new V1ObjectMeta { Labels = Labels(driver) },
            Spec = new V1PodSpec
            {
                ServiceAccountName = spec.ServiceAccountName ?? WorkloadName(driver.Metadata.Name),
                AutomountServiceAccountToken = spec.Type == "kubernetes" || spec.ServiceAccountName is not null,
                SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true, RunAsUser = 65532, RunAsGroup = 65532, FsGroup = 65532 },
                Containers = [container],
                Volumes = [new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource() }, .. (secrets ?? []).Select(s => new V1Volume { Name = SecretVolume(s), Secret = new V1SecretVolumeSource { SecretName = s, DefaultMode = 0x124 } })],
            },
        };
        V1Deployment deployment = new()
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = Metadata(driver),
            Spec = new V1DeploymentSpec
            {
                Replicas = spec.Replicas,
                Selector = new V1LabelSelector { MatchLabels = SelectorLabels(driver) },
                Template = template,
            },
        };
        string hash = Hash(deployment.Spec);
        deployment.Metadata.Annotations = new Dictionary<string, string> { [SpecHashAnnotation] = hash };
        template.Metadata.Annotations = new Dictionary<string, string> { [SpecHashAnnotation] = hash };
        return deployment;
    }

    /// <summary>A volume name for a Secret: valid (DNS label) and distinct per Secret.</summary>
    private static string SecretVolume(string secret)
    {
        string name = "secret-" + secret.Replace('.', '-');
        return name.Length <= 63 ? name : name[..54].TrimEnd('-') + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))[..8];
    }

    public static V1Service? Service(Driver driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        if (driver.Spec.Service is not { } service)
        {
            return null;
        }

        V1Service result = new()
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = Metadata(driver),
            Spec = new V1ServiceSpec
            {
                Type = service.Type ?? "ClusterIP",
                Selector = SelectorLabels(driver),
                Ports = [new V1ServicePort { Name = "http", Port = service.Port, TargetPort = service.TargetPort ?? service.Port, Protocol = "TCP" }],
            },
        };
        result.Metadata.Annotations = new Dictionary<string, string> { [SpecHashAnnotation] = Hash(result.Spec) };
        return result;
    }

    public static V1ServiceAccount? ServiceAccount(Driver driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        return driver.Spec.ServiceAccountName is null
            ? new V1ServiceAccount { ApiVersion = "v1", Kind = "ServiceAccount", Metadata = Metadata(driver) }
            : null;
    }

    public static string? HashOf(V1ObjectMeta? metadata) =>
        metadata?.Annotations is { } annotations && annotations.TryGetValue(SpecHashAnnotation, out string? hash) ? hash : null;

    private static List<string> BuiltinArgs(string type, string name, string ns, int? port, IList<string>? extra)
    {
        List<string> args = ["driver", type, "--name", name, "--namespace", ns];
        if (type == "webhook" && port is int p)
        {
            args.AddRange(["--listen", $"http://0.0.0.0:{p}"]);
        }

        args.AddRange(extra ?? []);
        return args;
    }

    private static V1ObjectMeta Metadata(Driver driver) => new()
    {
        Name = WorkloadName(driver.Metadata.Name),
        NamespaceProperty = driver.Metadata.NamespaceProperty,
        Labels = Labels(driver),
        OwnerReferences =
        [
            new V1OwnerReference
            {
                ApiVersion = driver.ApiVersion,
                Kind = driver.Kind,
                Name = driver.Metadata.Name,
                Uid = driver.Metadata.Uid,
                Controller = true,
                BlockOwnerDeletion = true,
            },
        ],
    };

    private static string Hash(object spec) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(KubernetesJson.Serialize(spec))))[..16];
}
