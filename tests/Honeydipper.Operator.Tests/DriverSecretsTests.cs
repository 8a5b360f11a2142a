using k8s;
using k8s.Models;

namespace Honeydipper.Operator.Tests;

/// <summary>The Secrets a driver's options name by secretKeyRef are mounted into its pods, and only those.</summary>
public sealed class DriverSecretsTests
{
    [Fact]
    public async Task A_secret_named_by_a_system_the_driver_serves_is_mounted_read_only_and_one_it_does_not_serve_is_not()
    {
        await using OperatorFixture f = await OperatorFixture.StartAsync("driver-secrets");
        f.StartOperator("op-1");
        await f.ApplyAsync("""
            kind: Driver
            metadata: {name: webhook}
            spec:
              type: webhook
              data: {Addr: ":8080", token: {secretKeyRef: {name: driver-own, key: token}}}
            ---
            kind: System
            metadata: {name: github}
            spec:
              data:
                signatureSecret: {secretKeyRef: {name: github-webhook, key: secret}}
              triggers:
                push: {driver: webhook, if_match: {url: /push}}
            ---
            kind: System
            metadata: {name: elsewhere}
            spec:
              data:
                token: {secretKeyRef: {name: not-for-webhook, key: token}}
              functions:
                call: {driver: web, rawAction: request}
            """);

        V1Deployment deployment = null!;
        await Poll.UntilAsync(async () =>
        {
            V1Deployment? found = (await f.Client.AppsV1.ListNamespacedDeploymentAsync(f.Namespace)).Items.SingleOrDefault(d => d.Metadata.Name == "hd-webhook");
            deployment = found!;
            return found?.Spec.Template.Spec.Volumes.Count == 3;
        }, "the Deployment to mount the driver's own Secret and the served system's");
        V1Container container = deployment.Spec.Template.Spec.Containers[0];
        Assert.Equal(["/tmp", "/etc/honeydipper/secrets/driver-own", "/etc/honeydipper/secrets/github-webhook"], container.VolumeMounts.Select(m => m.MountPath));
        Assert.All(container.VolumeMounts.Skip(1), m => Assert.True(m.ReadOnlyProperty));
        Assert.Equal(["driver-own", "github-webhook"], deployment.Spec.Template.Spec.Volumes.Skip(1).Select(v => v.Secret.SecretName));
        Assert.DoesNotContain(deployment.Spec.Template.Spec.Volumes, v => v.Secret?.SecretName == "not-for-webhook");

        // A System that starts using the driver later brings its Secret along (the pods roll for it).
        await f.ApplyAsync("""
            kind: System
            metadata: {name: pagerduty}
            spec:
              data: {signatureSecret: {secretKeyRef: {name: pagerduty-webhook, key: secret}}}
              triggers:
                alert: {driver: webhook, if_match: {url: /pd}}
            """);
        await Poll.UntilAsync(async () => (await f.Client.AppsV1.ReadNamespacedDeploymentAsync("hd-webhook", f.Namespace)).Spec.Template.Spec.Volumes
            .Any(v => v.Secret?.SecretName == "pagerduty-webhook"), "the new system's Secret to be mounted");
    }
}
