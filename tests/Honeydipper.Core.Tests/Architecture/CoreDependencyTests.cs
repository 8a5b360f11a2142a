using System.Reflection;
using Honeydipper.Core.Config.Model;

namespace Honeydipper.Core.Tests.Architecture;

/// <summary>The engine core knows nothing of Kubernetes, Redis or Git: dependencies point inward.</summary>
public sealed class CoreDependencyTests
{
    [Theory]
    [InlineData("KubernetesClient")]
    [InlineData("StackExchange.Redis")]
    [InlineData("LibGit2Sharp")]
    public void The_core_assembly_references_no_infrastructure(string forbidden)
    {
        Assembly core = typeof(HoneydipperConfig).Assembly;
        Assert.Equal("Honeydipper.Core", core.GetName().Name);
        Assert.DoesNotContain(core.GetReferencedAssemblies(), a => a.Name!.StartsWith(forbidden, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_core_assembly_references_only_the_runtime_yaml_and_logging_abstractions()
    {
        string[] allowed = ["System", "Microsoft.Extensions.Logging.Abstractions", "YamlDotNet", "netstandard", "mscorlib"];
        IEnumerable<string> names = typeof(HoneydipperConfig).Assembly.GetReferencedAssemblies().Select(a => a.Name!);
        Assert.All(names, name => Assert.Contains(allowed, prefix => name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal)));
    }
}
