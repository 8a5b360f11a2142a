using System.Xml.Linq;
using Honeydipper.Core.Scenarios;

namespace Honeydipper.Cli.Commands;

/// <summary>JUnit XML, which CI systems show as test results: a suite per scenario file, a case per scenario.</summary>
internal static class JUnitWriter
{
    public static void Write(string path, IReadOnlyList<SuiteOutcome> outcomes)
    {
        XElement root = new("testsuites",
            new XAttribute("tests", outcomes.Sum(o => Math.Max(o.Results.Count, o.Error is null ? 0 : 1))),
            new XAttribute("failures", outcomes.Sum(o => o.Results.Count(r => !r.Passed))),
            new XAttribute("errors", outcomes.Count(o => o.Error is not null)));
        foreach (SuiteOutcome outcome in outcomes)
        {
            XElement suite = new("testsuite",
                new XAttribute("name", outcome.File),
                new XAttribute("tests", outcome.Results.Count),
                new XAttribute("failures", outcome.Results.Count(r => !r.Passed)),
                new XAttribute("errors", outcome.Error is null ? 0 : 1));
            if (outcome.Error is not null)
            {
                suite.Add(new XElement("testcase", new XAttribute("name", "(load)"), new XAttribute("classname", outcome.File),
                    new XElement("error", new XAttribute("message", FirstLine(outcome.Error)), outcome.Error)));
            }

            foreach (ScenarioResult result in outcome.Results)
            {
                XElement testcase = new("testcase", new XAttribute("name", result.Scenario.Name), new XAttribute("classname", outcome.File));
                if (!result.Passed)
                {
                    string text = string.Join("\n", result.Failures);
                    testcase.Add(new XElement("failure", new XAttribute("message", FirstLine(text)), text));
                }

                suite.Add(testcase);
            }

            root.Add(suite);
        }

        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(path);
    }

    private static string FirstLine(string text) => text.Split('\n')[0];
}
