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

    [Fact]
    public async Task Secrets_reached_through_extends_and_target_are_mounted_and_others_are_not()
    {
        await using OperatorFixture f = await OperatorFixture.StartAsync("driver-secrets-extends");
        f.StartOperator("op-1");
        await f.ApplyAsync("""
            kind: Driver
            metadata: {name: web}
            spec: {type: web}
            ---
            kind: System
            metadata: {name: api-base}
            spec:
              data: {token: {secretKeyRef: {name: base-token, key: token}}}
              functions:
                call: {driver: web, rawAction: request, parameters: {header: {Authorization: 'Bearer {{ .sysData.token }}'}}}
                again: {target: {system: team-api, function: call}} # round and round: team-api extends api-base
                twice: {target: {system: api-base, function: again}}
            ---
            kind: System
            metadata: {name: team-api}
            spec:
              extends: [api-base]
              data: {token: {secretKeyRef: {name: team-token, key: token}}}
            ---
            kind: System
            metadata: {name: wrapper}
            spec:
              data: {extra: {secretKeyRef: {name: wrapper-secret, key: value}}}
              functions:
                go: {target: {system: team-api, function: call}}
            ---
            kind: System
            metadata: {name: unrelated}
            spec:
              extends: [ops=api-base]
              data: {other: {secretKeyRef: {name: unrelated-but-extends, key: value}}}
            ---
            kind: System
            metadata: {name: loner}
            spec:
              data: {mine: {secretKeyRef: {name: not-for-web, key: value}}}
              triggers:
                t: {driver: webhook}
            """);

        string[] expected = ["base-token", "team-token", "unrelated-but-extends", "wrapper-secret"];
        await Poll.UntilAsync(async () =>
        {
            V1Deployment? found = (await f.Client.AppsV1.ListNamespacedDeploymentAsync(f.Namespace)).Items.SingleOrDefault(d => d.Metadata.Name == "hd-web");
            return found is not null && found.Spec.Template.Spec.Volumes.Skip(1).Select(v => v.Secret.SecretName).SequenceEqual(expected);
        }, "the web Deployment to mount the Secrets of the systems whose calls reach it");

        // A change to the base alone reaches the drivers of the systems that extend it.
        await f.Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("""{"spec":{"data":{"token":{"secretKeyRef":{"name":"rotated-token","key":"token"}}}}}""", V1Patch.PatchType.MergePatch),
            Kubernetes.Resources.HoneydipperApi.Group, Kubernetes.Resources.HoneydipperApi.Version, f.Namespace, "systems", "api-base");
        await Poll.UntilAsync(async () => (await f.Client.AppsV1.ReadNamespacedDeploymentAsync("hd-web", f.Namespace)).Spec.Template.Spec.Volumes
            .Any(v => v.Secret?.SecretName == "rotated-token"), "the rotated Secret to be mounted");
    }
}
