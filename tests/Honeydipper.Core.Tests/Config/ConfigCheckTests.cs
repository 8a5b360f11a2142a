namespace Honeydipper.Core.Tests.Config;

/// <summary>Every configcheck message of the original (semantics §1.8, cmd/honeydipper/configcheck.go), and ours beyond it.</summary>
public sealed class ConfigCheckTests : IDisposable
{
    private const string Base = """
        drivers: {web: {}, redispubsub: {}}
        systems:
          github:
            functions: {createStatus: {driver: web}, getRepo: {target: {system: github, function: createStatus}}}
            triggers: {push: {driver: webhook, if_match: {url: /github}}}
        workflows:
          notify: {call_driver: web.request}

        """;

    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private List<string> Check(string yaml)
    {
        _repo.Write("base.yaml", Base).Write("init.yaml", "includes: [base.yaml]\n" + yaml);
        return _repo.Check();
    }

    [Fact]
    public void A_valid_configuration_has_no_problems() => Assert.Empty(Check("""
        contexts:
          _default: {'*': {a: 1}, _events: {b: 2}, notify: {c: 3}}
        rules:
        - when: {source: {system: github, trigger: push}}
          do: {call_workflow: notify}
        workflows:
          w1:
            steps:
            - call_function: github.createStatus
            - function: {target: {system: github, function: getRepo}}
            - call_driver: redispubsub.send
            - call_workflow: '{{ .ctx.next }}'
            - call_function: $ctx.dynamic
            - iterate: $ctx.items
              call_workflow: notify
            - if: [x]
              else: {call_workflow: notify}
        """));

    [Theory]
    [InlineData("workflows:\n  w: {call_workflow: nope}\n", "workflow w: call_workflow: workflow \"nope\" not defined")]
    [InlineData("workflows:\n  w: {call_workflow: notfy}\n", "workflow w: call_workflow: workflow \"notfy\" not defined (did you mean \"notify\"?)")]
    [InlineData("workflows:\n  w: {call_function: gitlab.createStatus}\n", "workflow w: call_function.system: system \"gitlab\" not defined (did you mean \"github\"?)")]
    [InlineData("workflows:\n  w: {call_function: github.deleteRepo}\n", "workflow w: call_function.function: github function \"deleteRepo\" not defined")]
    [InlineData("workflows:\n  w: {call_function: github}\n", "workflow w: call_function: call_function \"github\" must name a function as \"system.function\"")]
    [InlineData("workflows:\n  w: {function: {target: {system: nosys, function: f}}}\n", "workflow w: function.target.system: system \"nosys\" not defined")]
    [InlineData("workflows:\n  w: {function: {target: {system: github, function: nofn}}}\n", "workflow w: function.target.function: github function \"nofn\" not defined")]
    [InlineData("workflows:\n  w: {call_driver: kubernetes.createJob}\n", "workflow w: call_driver: driver \"kubernetes\" not defined")]
    [InlineData("workflows:\n  w: {function: {driver: nodriver, rawAction: x}}\n", "workflow w: function.driver: driver \"nodriver\" not defined")]
    [InlineData("workflows:\n  w: {call_workflow: notify, call_function: github.createStatus}\n", "workflow w: call_function: cannot define both \"call_workflow\" and \"call_function\"")]
    [InlineData("workflows:\n  w: {call_driver: web.request, steps: [{}]}\n", "workflow w: steps: cannot define both \"call_driver\" and \"steps\"")]
    [InlineData("workflows:\n  w: {threads: [{}], switch: x}\n", "workflow w: switch: cannot define both \"threads\" and \"switch\"")]
    [InlineData("workflows:\n  w: {wait: 1m, steps: [{}]}\n", "workflow w: steps: cannot define both \"wait\" and \"steps\"")]
    [InlineData("workflows:\n  w: {if_match: {a: b}, unless_match: {a: c}}\n", "workflow w: unless_match: cannot define both \"if_match\" and \"unless_match\"")]
    [InlineData("workflows:\n  w: {while: [a], until_all: [b]}\n", "workflow w: until_all: cannot define both \"while\" and \"until_all\"")]
    [InlineData("workflows:\n  w: {else: {}}\n", "workflow w: else: field \"else\" not allowed without pairing field")]
    [InlineData("workflows:\n  w: {iterate: literal}\n", "workflow w: iterate: field \"iterate\" must be a list or something interpolated into a list")]
    [InlineData("workflows:\n  w: {iterate_parallel: {a: b}}\n", "workflow w: iterate_parallel: field \"iterate_parallel\" must be a list or something interpolated into a list")]
    [InlineData("workflows:\n  w: {contexts: mute}\n", "workflow w: contexts: field \"contexts\" must be a list or something interpolated into a list")]
    [InlineData("contexts:\n  _default: {ghost: {a: 1}}\n", "context _default: workflow \"ghost\" not defined")]
    public void Each_configcheck_message(string yaml, string expected)
    {
        string problem = Assert.Single(Check(yaml));
        Assert.EndsWith(expected, problem, StringComparison.Ordinal);
        Assert.Matches(@"^init\.yaml:\d+: ", problem);
    }

    [Fact]
    public void Problems_inside_nested_workflows_name_their_path_and_line()
    {
        List<string> problems = Check("""
            workflows:
              w:
                steps:
                - call_workflow: notify
                - threads:
                  - call_workflow: missing1
                - if: [x]
                  else:
                    call_function: github.nofn
                - switch: $ctx.x
                  cases:
                    a: {call_workflow: missing2}
                  default: {call_driver: nodrv.x}
            """);
        Assert.Equal(
            [
                "init.yaml:7: workflow w: steps[1].threads[0].call_workflow: workflow \"missing1\" not defined",
                "init.yaml:10: workflow w: steps[2].else.call_function.function: github function \"nofn\" not defined",
                "init.yaml:13: workflow w: steps[3].cases.a.call_workflow: workflow \"missing2\" not defined",
                "init.yaml:14: workflow w: steps[3].default.call_driver: driver \"nodrv\" not defined",
            ],
            problems);
    }

    [Fact]
    public void Every_problem_of_a_workflow_is_reported_not_only_the_first()
    {
        Assert.Equal(2, Check("workflows:\n  w:\n    steps: [{call_workflow: a1}, {call_workflow: a2}]\n").Count);
    }

    [Fact]
    public void Rules_are_checked_including_their_trigger_source()
    {
        List<string> problems = Check("""
            rules:
            - when: {source: {system: githb, trigger: push}}
              do: {call_workflow: notify}
            - when: {source: {system: github, trigger: pull}}
              do: {call_workflow: nothere}
            - when: {if_match: {a: b}}
              do: {}
            """);
        Assert.Equal(
            [
                "init.yaml:3: rule #1 (githb.push): when.source.system: system \"githb\" not defined (did you mean \"github\"?)",
                "init.yaml:5: rule #2 (github.pull): when.source.trigger: github trigger \"pull\" not defined",
                "init.yaml:6: rule #2 (github.pull): do.call_workflow: workflow \"nothere\" not defined",
                "init.yaml:7: rule #3: when: a rule needs a trigger: set when.source {system, trigger} or when.driver",
            ],
            problems);
    }

    [Fact]
    public void System_triggers_and_functions_are_checked_for_their_sources_and_targets()
    {
        List<string> problems = Check("""
            systems:
              mine:
                triggers: {t: {source: {system: github, trigger: nope}}}
                functions:
                  f: {target: {system: nosuch, function: x}}
                  g: {driver: web, target: {system: github, function: createStatus}}
            """);
        Assert.Contains(problems, p => p.EndsWith("system mine: triggers.t.source.trigger: github trigger \"nope\" not defined", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.EndsWith("system mine: functions.f.target.system: system \"nosuch\" not defined", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.EndsWith("system mine: functions.g: function cannot have both driver and target", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("$ctx.wf")]
    [InlineData("{{ .ctx.wf }}")]
    [InlineData("prefix-{{ .ctx.wf }}")]
    [InlineData(":yaml: x")]
    public void Names_known_only_at_run_time_are_not_checked(string name) =>
        Assert.Empty(Check($"workflows:\n  w: {{call_workflow: '{name}'}}\n"));

    [Fact]
    public void An_interpolated_action_does_not_count_against_another_action()
    {
        // hasLiteral: a wholly interpolated value is not "set" when actions are compared.
        Assert.Empty(Check("workflows:\n  w: {call_workflow: $ctx.wf, call_function: github.createStatus}\n"));
    }
}
