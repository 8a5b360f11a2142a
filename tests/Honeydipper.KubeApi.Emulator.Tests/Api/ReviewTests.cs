using k8s;
using k8s.Models;

namespace Honeydipper.KubeApi.Emulator.Tests.Api;

/// <summary>TokenReview and SubjectAccessReview answered as kube-apiserver does, from what the test configured.</summary>
public sealed class ReviewTests
{
    [Fact]
    public async Task A_known_token_is_authenticated_with_its_user_and_groups_and_an_unknown_one_is_not()
    {
        await using KubeApiEmulator emulator = await KubeApiEmulator.StartAsync();
        emulator.Reviews.AddToken("t-1", "system:serviceaccount:demo:ci", "system:serviceaccounts");
        using Kubernetes client = emulator.CreateClient();

        V1TokenReview known = await client.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = "t-1" } });
        Assert.True(known.Status.Authenticated);
        Assert.Equal("system:serviceaccount:demo:ci", known.Status.User.Username);
        Assert.Equal(["system:serviceaccounts", "system:authenticated"], known.Status.User.Groups);
        Assert.False(string.IsNullOrEmpty(known.Status.User.Uid));

        V1TokenReview unknown = await client.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = "nope" } });
        Assert.NotEqual(true, unknown.Status.Authenticated);
        Assert.Contains("invalid bearer token", unknown.Status.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Access_is_allowed_only_for_the_granted_user_or_group_verb_resource_and_namespace()
    {
        await using KubeApiEmulator emulator = await KubeApiEmulator.StartAsync();
        emulator.Reviews.Allow("alice", "get", "honeydipper.io", "workflowruns", "demo").Allow("group:ops", "*", "honeydipper.io", "*");
        using Kubernetes client = emulator.CreateClient();

        Assert.True(await Allowed(client, "alice", [], "get", "workflowruns", "demo"));
        Assert.False(await Allowed(client, "alice", [], "create", "workflowruns", "demo"));
        Assert.False(await Allowed(client, "alice", [], "get", "workflowruns", "other"));
        Assert.True(await Allowed(client, "bob", ["ops"], "create", "workflowruns", "other"));
        Assert.False(await Allowed(client, "bob", ["dev"], "get", "workflowruns", "demo"));
        Assert.Contains(("alice", "create", "honeydipper.io", "workflowruns", "demo"), emulator.Reviews.Asked);
    }

    private static async Task<bool> Allowed(Kubernetes client, string user, string[] groups, string verb, string resource, string ns)
    {
        V1SubjectAccessReview review = await client.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec
            {
                User = user,
                Groups = groups,
                ResourceAttributes = new V1ResourceAttributes { Verb = verb, Group = "honeydipper.io", Resource = resource, NamespaceProperty = ns },
            },
        });
        return review.Status.Allowed;
    }
}
