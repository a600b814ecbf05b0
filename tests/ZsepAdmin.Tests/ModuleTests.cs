using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Xml.Linq;
using Xunit;

namespace ZsepAdmin.Tests
{
    /// <summary>The staged module as pwsh sees it: it imports, exports what the manifest lists, has help and views.</summary>
    public sealed class ModuleTests : IDisposable
    {
        private readonly PsSession _ps = new PsSession();

        public void Dispose() => _ps.Dispose();

        private string[] ExportedCmdlets() =>
            _ps.RunOk("(Get-Command -Module ZsepAdmin -CommandType Cmdlet).Name").Select(o => o.ToString()).OrderBy(n => n).ToArray();

        [Fact]
        public void Module_is_imported_from_the_staged_folder_by_its_manifest()
        {
            string path = _ps.RunOk("(Get-Module ZsepAdmin).Path").Single().ToString();
            Assert.EndsWith(Path.Combine("artifacts", "module", "ZsepAdmin", "ZsepAdmin.dll"), path);
            Assert.Equal(Repo.Path("artifacts", "module", "ZsepAdmin", "ZsepAdmin.psd1"), _ps.Shell.ModulePath);
        }

        [Fact]
        public void Get_Command_lists_exactly_the_cmdlets_the_manifest_exports()
        {
            string manifest = _ps.Shell.ModulePath;
            var listed = _ps.RunOk($"(Test-ModuleManifest -Path '{manifest}').ExportedCmdlets.Keys")
                .Select(o => o.ToString()).OrderBy(n => n).ToArray();
            Assert.NotEmpty(listed);
            Assert.Equal(listed, ExportedCmdlets());

            // Every public cmdlet class in the assembly is exported, and nothing else.
            var inAssembly = _ps.RunOk(
                "[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'ZsepAdmin' } | " +
                "ForEach-Object { $_.GetExportedTypes() } | ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } | " +
                "ForEach-Object { $_.VerbName + '-' + $_.NounName }").Select(o => o.ToString()).OrderBy(n => n).ToArray();
            Assert.Equal(listed, inAssembly);
        }

        [Fact]
        public void Every_verb_is_approved()
        {
            var approved = new[] { typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic), typeof(VerbsLifecycle), typeof(VerbsOther), typeof(VerbsSecurity) }
                .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
                .Select(f => (string)f.GetValue(null)!)
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (string name in ExportedCmdlets())
            {
                Assert.True(approved.Contains(name.Split('-')[0]), $"{name} does not use an approved verb");
            }
        }

        [Fact]
        public void Every_cmdlet_has_help_with_synopsis_description_parameters_and_a_working_example()
        {
            foreach (string name in ExportedCmdlets())
            {
                PSObject help = _ps.RunOk($"Get-Help {name} -Full").Single();
                string synopsis = help.Properties["Synopsis"].Value?.ToString()?.Trim() ?? string.Empty;
                Assert.False(string.IsNullOrEmpty(synopsis) || synopsis.StartsWith(name, StringComparison.Ordinal), $"{name} has no synopsis (MAML help not found?)");
                Assert.NotNull(help.Properties["description"]?.Value);

                var examples = _ps.RunOk($"(Get-Help {name} -Full).examples.example | ForEach-Object {{ $_.code }}").Select(o => o.ToString()).ToList();
                Assert.True(examples.Count > 0, $"{name} has no example");

                var parameters = _ps.RunOk($"(Get-Help {name} -Full).parameters.parameter | ForEach-Object {{ $_.name + '|' + (($_.description | ForEach-Object {{ $_.Text }}) -join ' ') }}").Select(o => o.ToString()).ToList();
                foreach (string p in parameters)
                {
                    Assert.False(p.EndsWith("|", StringComparison.Ordinal), $"{name}: parameter {p.TrimEnd('|')} has no description");
                }

                var declared = _ps.RunOk($"(Get-Command {name}).OutputType.Type.FullName").Select(o => o.ToString()).ToHashSet();
                foreach (string code in examples)
                {
                    // Every example runs as written, in a fresh session with a simulated default network, and what
                    // the cmdlet emits is of a declared [OutputType].
                    using var session = new PsSession();
                    session.RunOk($"New-ZsepNetwork -Name help -Radio sim://help-{Guid.NewGuid():N} -Seed 3 -Force | Out-Null");
                    try
                    {
                        foreach (PSObject o in session.RunOk(code))
                        {
                            string type = o.BaseObject.GetType().FullName!;
                            Assert.True(declared.Contains(type) || type == "System.String", $"{name} example emitted {type}, not a declared output type:\n{code}");
                        }
                    }
                    finally
                    {
                        session.Run("Get-ZsepNetwork | ForEach-Object { Disconnect-ZsepNetwork -Network $_.Name -Confirm:$false }");
                    }
                }
            }
        }

        [Fact]
        public void Every_declared_output_type_has_a_format_view()
        {
            XDocument formats = XDocument.Load(Repo.Path("module", "ZsepAdmin.format.ps1xml"));
            var viewed = formats.Descendants("TypeName").Select(e => e.Value.Trim()).ToHashSet();
            // PowerShell's own views cover the files a cmdlet writes (Export-ZsepWiresharkKey).
            viewed.Add("System.IO.FileInfo");
            foreach (string name in ExportedCmdlets())
            {
                // Cmdlets that write nothing (Remove-*, Disable-ZsepJoin, Step-ZsepSimulation) declare no output type.
                var types = _ps.RunOk($"(Get-Command {name}).OutputType.Name").Select(o => o.ToString()).ToList();
                foreach (string t in types)
                {
                    Assert.True(viewed.Contains(t), $"{name} outputs {t}, which has no view in ZsepAdmin.format.ps1xml");
                }
            }
        }

        [Fact]
        public void Staged_folder_holds_manifest_formats_types_help_and_no_SMA()
        {
            string dir = Repo.Path("artifacts", "module", "ZsepAdmin");
            foreach (string f in new[] { "ZsepAdmin.psd1", "ZsepAdmin.dll", "Zsep.Stack.dll", "ZsepAdmin.format.ps1xml", "ZsepAdmin.types.ps1xml", Path.Combine("en-US", "ZsepAdmin.dll-Help.xml"), Path.Combine("en-US", "about_ZsepAdmin.help.txt") })
            {
                Assert.True(File.Exists(Path.Combine(dir, f)), $"{f} is missing from the staged module");
            }

            Assert.False(File.Exists(Path.Combine(dir, "System.Management.Automation.dll")));
            Assert.Contains("Install codes", string.Join("\n", _ps.RunOk("Get-Help about_ZsepAdmin").Select(o => o.ToString())));
        }

        [Fact]
        public void Every_version_disagreement_in_the_staged_folder_is_answered_for_Windows_PowerShell()
        {
            // .NET Framework binds strong names exactly; the module's resolver must answer each reference whose version
            // differs from the folder's copy (there are some today: System.Memory 4.0.1.x vs 4.0.2.0, and more).
            string dir = Repo.Path("artifacts", "module", "ZsepAdmin");
            var have = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase);
            var refs = new List<string>();
            foreach (string file in Directory.GetFiles(dir, "*.dll"))
            {
                using var stream = File.OpenRead(file);
                using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
                if (!pe.HasMetadata)
                {
                    continue;
                }

                System.Reflection.Metadata.MetadataReader md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
                have[md.GetString(md.GetAssemblyDefinition().Name)] = md.GetAssemblyDefinition().Version;
                foreach (System.Reflection.Metadata.AssemblyReferenceHandle h in md.AssemblyReferences)
                {
                    refs.Add(md.GetAssemblyReference(h).GetAssemblyName().FullName);
                }
            }

            var mismatched = refs.Distinct().Select(r => new AssemblyName(r))
                .Where(r => have.TryGetValue(r.Name!, out Version? v) && v != r.Version).Select(r => r.FullName).ToList();
            Assert.NotEmpty(mismatched);
            foreach (string name in mismatched)
            {
                string? resolved = _ps.RunOk($"[ZsepAdmin.Infrastructure.ModuleDependencies]::Resolve('{dir}', [System.Reflection.AssemblyName]::new('{name}'))").SingleOrDefault()?.ToString();
                Assert.True(resolved is not null && File.Exists(resolved), $"{name} is not resolved from the module folder");
            }

            // A higher version than the folder's, another public key, or a name the folder lacks is left to the loader.
            Assert.Empty(_ps.RunOk($"[ZsepAdmin.Infrastructure.ModuleDependencies]::Resolve('{dir}', [System.Reflection.AssemblyName]::new('System.Memory, Version=99.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51'))"));
            Assert.Empty(_ps.RunOk($"[ZsepAdmin.Infrastructure.ModuleDependencies]::Resolve('{dir}', [System.Reflection.AssemblyName]::new('System.Memory, Version=4.0.1.1, Culture=neutral, PublicKeyToken=0123456789abcdef'))"));
            Assert.Empty(_ps.RunOk($"[ZsepAdmin.Infrastructure.ModuleDependencies]::Resolve('{dir}', [System.Reflection.AssemblyName]::new('Not.In.The.Folder, Version=1.0.0.0'))"));

            // Windows PowerShell's DllImport never looks in <module>/<rid>: the native library is loaded from there up front.
            foreach (string arch in new[] { "X64", "X86", "Arm64" })
            {
                string native = _ps.RunOk($"[ZsepAdmin.Infrastructure.ModuleDependencies]::NativeSqlitePath('{dir}', '{arch}')").Single().ToString();
                Assert.True(File.Exists(native), $"{native} is missing from the staged module");
            }
        }

        [Fact]
        public void Native_sqlite_loads_from_the_staged_module_folder()
        {
            // The host's deps.json knows nothing of SQLite: this works only if staging put e_sqlite3 where
            // PowerShell looks (<module>/<rid>/e_sqlite3.<ext>).
            string version = _ps.RunOk(
                "$d = Split-Path (Get-Module ZsepAdmin).Path; [void][System.Reflection.Assembly]::LoadFrom((Join-Path $d 'Microsoft.Data.Sqlite.dll')); " +
                "$c = [Microsoft.Data.Sqlite.SqliteConnection]::new('Data Source=:memory:'); $c.Open(); $q = $c.CreateCommand(); " +
                "$q.CommandText = 'select sqlite_version()'; $q.ExecuteScalar(); $c.Dispose()").Single().ToString();
            Assert.Matches(@"^3\.\d+\.\d+$", version);
        }
    }
}
