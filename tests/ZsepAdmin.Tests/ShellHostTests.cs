using System;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace ZsepAdmin.Tests
{
    /// <summary>The zsep-shell host as a user runs it: a process, with exit codes.</summary>
    public class ShellHostTests
    {
        private static (int Code, string Out, string Err) RunShell(params string[] args) => RunShellWithInput(string.Empty, args);

        private static (int Code, string Out, string Err) RunShellWithInput(string input, params string[] args)
        {
            string dll = Path.Combine(AppContext.BaseDirectory, "zsep-shell.dll");
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
            psi.ArgumentList.Add(dll);
            foreach (string a in args)
            {
                psi.ArgumentList.Add(a);
            }

            using Process p = Process.Start(psi)!;
            p.StandardInput.Write(input);
            p.StandardInput.Close();
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            Assert.True(p.WaitForExit(120_000), "zsep-shell did not finish");
            return (p.ExitCode, stdout.Result, stderr.Result);
        }

        private static string Script(string text)
        {
            string path = Path.Combine(Path.GetTempPath(), "zsep-" + Guid.NewGuid().ToString("N") + ".ps1");
            File.WriteAllText(path, text);
            return path;
        }

        [Fact]
        public void A_script_that_throws_exits_non_zero_with_a_readable_error()
        {
            string path = Script("param($Name) Write-Output \"hello $Name\"; throw 'the meter is gone'");
            var (code, stdout, stderr) = RunShell("-File", path, "-Name", "world");
            Assert.Equal(1, code);
            Assert.Contains("hello world", stdout);
            Assert.Contains("the meter is gone", stderr);
            Assert.DoesNotContain("   at ", stderr); // no .NET stack trace
            File.Delete(path);
        }

        [Fact]
        public void Exit_code_of_a_script_is_passed_through()
        {
            string path = Script("exit 7");
            Assert.Equal(7, RunShell("-File", path).Code);
            File.Delete(path);
        }

        [Fact]
        public void Command_output_is_rendered_through_the_module_format_views()
        {
            var (code, stdout, _) = RunShell("-Command", "ConvertTo-ZsepLinkKey -InstallCode 83FED3407A939723A5C639B26916D505C3B5");
            Assert.Equal(0, code);
            Assert.Contains("66B6900981E1EE3CA4206B6B861C02BB", stdout);
            Assert.DoesNotContain("@{", stdout);
            Assert.DoesNotContain("\u001b[", stdout);
        }

        [Fact]
        public void The_quickstart_runs()
        {
            var (code, stdout, stderr) = RunShell("-File", Repo.Path("examples", "Quickstart.ps1"));
            Assert.True(code == 0, stderr);
            Assert.Equal(23, System.Text.RegularExpressions.Regex.Matches(stdout, @"^00:0D:6F:\S+ +0x[0-9A-F]{4} +(Router|EndDevice)", System.Text.RegularExpressions.RegexOptions.Multiline).Count);
            Assert.Contains("ERR_AUTH_SEC_FAIL 00:0D:6F:00:00:0B:AD:01", stdout);
            Assert.DoesNotContain("00:0D:6F:00:00:0B:AD:01 0x", stdout); // the rogue is never a node
            Assert.Contains("ZCL 0xEF00", stdout);
            Assert.Contains(" kWh", stdout); // every meter read, with its own formatting
        }

        [Fact]
        public void The_interactive_prompt_runs_commands_until_exit()
        {
            var (code, stdout, _) = RunShellWithInput("ConvertTo-ZsepLinkKey 83FED3407A939723A5C639B26916D505C3B5\n6 * 7\nexit\n");
            Assert.Equal(0, code);
            Assert.Contains("ZSEP> ", stdout);
            Assert.Contains("66B6900981E1EE3CA4206B6B861C02BB", stdout);
            Assert.Contains("42", stdout);
        }
    }
}
