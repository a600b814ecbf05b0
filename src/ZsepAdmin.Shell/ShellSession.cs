using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace ZsepAdmin.Shell
{
    /// <summary>
    /// One PowerShell runspace with the staged ZsepAdmin module imported by its manifest, exactly as pwsh would
    /// import it. Output is rendered through Out-Default with the module's format views.
    /// </summary>
    public sealed class ShellSession : IDisposable
    {
        private readonly Runspace _runspace;
        private readonly ZsepHostUserInterface _ui;
        private readonly ZsepHost _host;
        private PowerShell? _current;

        public ShellSession(TextWriter output, TextWriter error, TextReader input, bool interactive = false, string? modulePath = null)
        {
            _ui = new ZsepHostUserInterface(output, error, input, interactive);
            _host = new ZsepHost(_ui);
            InitialSessionState iss = InitialSessionState.CreateDefault2();
            if (OperatingSystem.IsWindows())
            {
                iss.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
            }
            // The engine alone has only the core cmdlets; the host brings Microsoft.PowerShell.Utility
            // (Write-Output, Select-Object, Format-Table, ConvertTo-Json ...) and Microsoft.PowerShell.Management
            // (Join-Path, Test-Path, Get-Content, Get-ChildItem ...) as pwsh does.
            iss.ImportPSModule(new[]
            {
                typeof(Microsoft.PowerShell.Commands.WriteOutputCommand).Assembly.Location,
                typeof(Microsoft.PowerShell.Commands.JoinPathCommand).Assembly.Location,
            });
            _runspace = RunspaceFactory.CreateRunspace(_host, iss);
            _runspace.Open();
            ModulePath = modulePath ?? FindModuleManifest();
            using (PowerShell ps = PowerShell.Create())
            {
                ps.Runspace = _runspace;
                // Plain text: the host strips ANSI anyway, but the formatter should not emit it.
                ps.AddScript("if ($PSStyle) { $PSStyle.OutputRendering = 'PlainText' }").Invoke();
                ps.Commands.Clear();
                ps.AddCommand("Import-Module").AddParameter("Name", ModulePath).AddParameter("ErrorAction", "Stop").Invoke();
            }
        }

        public string ModulePath { get; }

        public Runspace Runspace => _runspace;

        /// <summary>The code set by <c>exit N</c> at the top level, if any.</summary>
        public int? ExitCode => _host.ExitCode;

        /// <summary>
        /// Finds the staged module: $env:ZSEP_MODULE_PATH, then ZsepAdmin/ beside the shell (packaged layout),
        /// then the folder `dotnet build` staged.
        /// </summary>
        public static string FindModuleManifest()
        {
            var candidates = new List<string>();
            string? env = Environment.GetEnvironmentVariable("ZSEP_MODULE_PATH");
            if (!string.IsNullOrEmpty(env))
            {
                candidates.Add(Directory.Exists(env) ? Path.Combine(env, "ZsepAdmin.psd1") : env!);
            }

            candidates.Add(Path.Combine(AppContext.BaseDirectory, "ZsepAdmin", "ZsepAdmin.psd1"));
            string? staged = typeof(ShellSession).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "ZsepModuleDir")?.Value;
            if (staged is not null)
            {
                candidates.Add(Path.Combine(staged, "ZsepAdmin.psd1"));
            }

            foreach (string c in candidates)
            {
                if (File.Exists(c))
                {
                    return Path.GetFullPath(c);
                }
            }

            throw new FileNotFoundException(
                "The ZsepAdmin module was not found. Build it with 'dotnet build ZsepPS.sln' or set ZSEP_MODULE_PATH. Looked in: " +
                string.Join(", ", candidates));
        }

        /// <summary>Runs a script file with arguments. Returns false when it ended with a terminating error.</summary>
        public bool RunFile(string path, IReadOnlyList<string> args)
        {
            string full = Path.GetFullPath(path);
            if (!File.Exists(full))
            {
                _ui.WriteErrorLine($"The script file '{path}' does not exist.");
                return false;
            }

            _runspace.SessionStateProxy.SetVariable("global:LASTEXITCODE", 0);
            bool ok = Run(ps =>
            {
                ps.AddCommand(full);
                AddArguments(ps, args);
            });

            // `exit N` in a script sets $LASTEXITCODE, which pwsh -File returns as the process exit code.
            if (ok && _runspace.SessionStateProxy.GetVariable("global:LASTEXITCODE") is int code && code != 0)
            {
                ScriptExitCode = code;
            }

            return ok;
        }

        /// <summary>The code of <c>exit N</c> in the last script file run, when not 0.</summary>
        public int? ScriptExitCode { get; private set; }

        /// <summary>Runs PowerShell text. Returns false when it ended with a terminating error.</summary>
        public bool RunCommand(string text) => Run(ps => ps.AddScript(text));

        private static void AddArguments(PowerShell ps, IReadOnlyList<string> args)
        {
            for (int i = 0; i < args.Count; i++)
            {
                string a = args[i];
                if (a.Length > 1 && a[0] == '-' && !char.IsDigit(a[1]))
                {
                    string name = a.Substring(1).TrimEnd(':');
                    if (i + 1 < args.Count && !(args[i + 1].Length > 1 && args[i + 1][0] == '-' && !char.IsDigit(args[i + 1][1])))
                    {
                        ps.AddParameter(name, args[++i]);
                    }
                    else
                    {
                        ps.AddParameter(name, true);
                    }
                }
                else
                {
                    ps.AddArgument(a);
                }
            }
        }

        private bool Run(Action<PowerShell> build)
        {
            using PowerShell ps = PowerShell.Create();
            ps.Runspace = _runspace;
            build(ps);
            ps.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
            ps.AddCommand("Out-Default");
            _current = ps;
            try
            {
                ps.Invoke();
                return true;
            }
            catch (RuntimeException ex)
            {
                WriteTerminatingError(ex.ErrorRecord, ex);
                return false;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _ui.WriteErrorLine(ex.Message);
                return false;
            }
            finally
            {
                _current = null;
            }
        }

        private void WriteTerminatingError(ErrorRecord? record, Exception ex)
        {
            if (record is null)
            {
                _ui.WriteErrorLine(ex.Message);
                return;
            }

            string message = record.ErrorDetails?.Message ?? record.Exception?.Message ?? ex.Message;
            string? position = record.InvocationInfo?.PositionMessage;
            _ui.WriteErrorLine(message);
            if (!string.IsNullOrEmpty(position))
            {
                _ui.WriteErrorLine(position);
            }

            _ui.WriteErrorLine($"    + CategoryInfo          : {record.CategoryInfo}");
            _ui.WriteErrorLine($"    + FullyQualifiedErrorId : {record.FullyQualifiedErrorId}");
        }

        /// <summary>Stops the running pipeline (Ctrl+C).</summary>
        public void Stop() => _current?.BeginStop(null, null);

        public void Dispose() => _runspace.Dispose();
    }
}
