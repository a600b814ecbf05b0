using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace ZsepAdmin.Tests
{
    /// <summary>
    /// Runs every acceptance scenario (tests/Acceptance/scenarios/*.ps1) through the hosted engine against the
    /// staged module. The same scripts are wrapped in Describe/It by tests/Acceptance/*.Tests.ps1 for Pester 5 users.
    /// A scenario passes when it neither throws nor writes an error.
    /// </summary>
    public class AcceptanceScenarioTests
    {
        public static IEnumerable<object[]> Scenarios() =>
            Directory.GetFiles(Repo.Path("tests", "Acceptance", "scenarios"), "*.ps1")
                .OrderBy(f => f)
                .Select(f => new object[] { Path.GetFileName(f) });

        [Theory]
        [MemberData(nameof(Scenarios))]
        public void Scenario_passes(string scenario)
        {
            using var ps = new PsSession();
            ps.RunOk($"& '{Repo.Path("tests", "Acceptance", "scenarios", scenario)}'");
        }

        [Fact]
        public void Every_scenario_is_wrapped_by_a_Pester_file()
        {
            string pester = string.Join("\n", Directory.GetFiles(Repo.Path("tests", "Acceptance"), "*.Tests.ps1").Select(File.ReadAllText));
            foreach (object[] s in Scenarios())
            {
                Assert.Contains((string)s[0], pester);
            }

            // Pester 5 shape: Describe/It blocks, set-up in BeforeAll (not at script level).
            Assert.Contains("Describe ", pester);
            Assert.Contains("BeforeAll", pester);
        }
    }
}
