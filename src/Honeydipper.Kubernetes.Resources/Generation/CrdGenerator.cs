using System.ComponentModel;
using System.Reflection;
using Honeydipper.Kubernetes.Resources.ConfigRepos;
using Honeydipper.Kubernetes.Resources.Contexts;
using Honeydipper.Kubernetes.Resources.Drivers;
using Honeydipper.Kubernetes.Resources.Rules;
using Honeydipper.Kubernetes.Resources.Schema;
using Honeydipper.Kubernetes.Resources.Systems;
using Honeydipper.Kubernetes.Resources.WorkflowRuns;
using Honeydipper.Kubernetes.Resources.Workflows;
using k8s.Models;

namespace Honeydipper.Kubernetes.Resources.Generation;

/// <summary>
/// CustomResourceDefinitions generated from the C# kinds: names, short names, the honeydipper category, the
/// status subresource, printer columns and a structural schema with descriptions. The output is deterministic,
/// so config/crd can be checked in and compared.
/// </summary>
public static class CrdGenerator
{
    /// <summary>Every Honeydipper kind, in the order of their plural names.</summary>
    public static IReadOnlyList<Type> Kinds { get; } =
    [
        typeof(ConfigRepo), typeof(HoneydipperContext), typeof(Driver), typeof(Rule), typeof(HoneydipperSystem), typeof(WorkflowRun), typeof(Workflow),
    ];

    public static IReadOnlyList<V1CustomResourceDefinition> GenerateAll() => [.. Kinds.Select(Generate).OrderBy(c => c.Metadata.Name, StringComparer.Ordinal)];

    /// <summary>config/crd file names as controller-gen names them (group_plural.yaml) with their YAML.</summary>
    public static IReadOnlyDictionary<string, string> Files() =>
        GenerateAll().ToDictionary(c => $"{c.Spec.Group}_{c.Spec.Names.Plural}.yaml", CrdYaml.Write, StringComparer.Ordinal);

    public static V1CustomResourceDefinition Generate(Type kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        KubernetesEntityAttribute entity = kind.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException($"{kind.Name} has no [KubernetesEntity]");
        Type specType = kind.GetProperty("Spec")!.PropertyType;
        Type statusType = Nullable.GetUnderlyingType(kind.GetProperty("Status")!.PropertyType) ?? kind.GetProperty("Status")!.PropertyType;
        V1JSONSchemaProps root = new()
        {
            Type = "object",
            Description = kind.GetCustomAttribute<DescriptionAttribute>()?.Description ?? throw new InvalidOperationException($"{kind.Name} has no [Description]"),
            Required = ["spec"],
            Properties = new SortedDictionary<string, V1JSONSchemaProps>(StringComparer.Ordinal)
            {
                ["apiVersion"] = new() { Type = "string", Description = "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values." },
                ["kind"] = new() { Type = "string", Description = "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to." },
                ["metadata"] = new() { Type = "object" },
                ["spec"] = Described(SchemaBuilder.ForObject(specType), specType),
                ["status"] = Described(SchemaBuilder.ForObject(statusType), statusType),
            },
        };

        List<V1CustomResourceColumnDefinition> columns = [.. kind.GetCustomAttributes<PrinterColumnAttribute>()
            .OrderBy(c => c.Order)
            .Select(c => new V1CustomResourceColumnDefinition
            {
                Name = c.Name,
                Type = c.Type,
                JsonPath = c.JsonPath,
                Description = c.Description,
                Priority = c.Priority == 0 ? null : c.Priority,
            })];
        string singular = entity.Kind.ToLowerInvariant();
        return new V1CustomResourceDefinition
        {
            ApiVersion = "apiextensions.k8s.io/v1",
            Kind = "CustomResourceDefinition",
            Metadata = new V1ObjectMeta { Name = $"{entity.PluralName}.{entity.Group}" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = entity.Group,
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames
                {
                    Kind = entity.Kind,
                    ListKind = entity.Kind + "List",
                    Plural = entity.PluralName,
                    Singular = singular,
                    ShortNames = [.. kind.GetCustomAttributes<ShortNameAttribute>().Select(s => s.Name)],
                    Categories = [HoneydipperApi.Category],
                },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = entity.ApiVersion,
                        Served = true,
                        Storage = true,
                        Schema = new V1CustomResourceValidation { OpenAPIV3Schema = root },
                        Subresources = new V1CustomResourceSubresources { Status = new Dictionary<string, object>() },
                        AdditionalPrinterColumns = columns,
                    },
                ],
            },
        };
    }

    private static V1JSONSchemaProps Described(V1JSONSchemaProps schema, Type type)
    {
        schema.Description = type.GetCustomAttribute<DescriptionAttribute>()?.Description
            ?? throw new InvalidOperationException($"{type.Name} has no [Description]");
        return schema;
    }
}
