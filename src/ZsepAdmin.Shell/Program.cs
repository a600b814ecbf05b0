using System;
using System.Collections.Generic;
using System.Linq;

namespace ZsepAdmin.Shell
{
    /// <summary>
    /// zsep-shell: a PowerShell host with ZsepAdmin imported, for machines without pwsh.
    ///   zsep-shell -File script.ps1 [args]    run a script; exit code 1 when it throws, or its `exit N`
    ///   zsep-shell -Command '...'             run a command
    ///   zsep-shell                            interactive prompt
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            string? file = null;
            string? command = null;
            var scriptArgs = new List<string>();
            for (int i = 0; i < args.Length; i++)
            {
                string a = args[i];
                if (Is(a, "-File", "-f") && i + 1 < args.Length)
                {
                    file = args[i + 1];
                    scriptArgs.AddRange(args.Skip(i + 2));
                    break;
                }

                if (Is(a, "-Command", "-c") && i + 1 < args.Length)
                {
                    command = string.Join(" ", args.Skip(i + 1));
                    break;
                }

                if (Is(a, "-NoProfile", "-NoLogo", "-NonInteractive"))
                {
                    continue;
                }

                if (Is(a, "-Help", "-?", "--help"))
                {
                    Console.WriteLine("Usage: zsep-shell [-File script.ps1 [args]] [-Command '...']");
                    return 0;
                }

                Console.Error.WriteLine($"Unknown argument '{a}'. Usage: zsep-shell [-File script.ps1 [args]] [-Command '...']");
                return 64;
            }

            ShellSession session;
            try
            {
                session = new ShellSession(Console.Out, Console.Error, Console.In, interactive: file is null && command is null);
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine("Could not start ZsepAdmin.Shell: " + ex.Message);
                return 2;
            }

            using (session)
            {
                Console.CancelKeyPress += (_, e) =>
                {
                    e.Cancel = true;
                    session.Stop();
                };

                if (file is not null)
                {
                    bool ok = session.RunFile(file, scriptArgs);
                    return session.ExitCode ?? session.ScriptExitCode ?? (ok ? 0 : 1);
                }

                if (command is not null)
                {
                    bool ok = session.RunCommand(command);
                    return session.ExitCode ?? (ok ? 0 : 1);
                }

                return Repl(session);
            }
        }

        private static int Repl(ShellSession session)
        {
            Console.WriteLine("ZsepAdmin shell. Module: " + session.ModulePath);
            Console.WriteLine("Type PowerShell commands; 'exit' to leave. Try: Get-Command -Module ZsepAdmin");
            while (session.ExitCode is null)
            {
                Console.Write("ZSEP> ");
                string? line = Console.ReadLine();
                if (line is null || line.Trim().Equals("exit", StringComparison.OrdinalIgnoreCase))
                {
                    break;
                }

                if (line.Trim().Length > 0)
                {
                    session.RunCommand(line);
                }
            }

            return session.ExitCode ?? 0;
        }

        private static bool Is(string arg, params string[] names) =>
            names.Any(n => string.Equals(arg, n, StringComparison.OrdinalIgnoreCase));
    }
}
