<#
.SYNOPSIS
    Build, test or package ZsepAdmin.
.DESCRIPTION
    A thin wrapper over the .NET SDK for people who have pwsh. CI calls dotnet directly (see .ci/run).
      Build    dotnet build ZsepPS.sln; stages the importable module in artifacts/module/ZsepAdmin
      Test     dotnet test ZsepPS.sln (the README's test command)
      Package  builds Release and zips the staged module (and the shell host) into artifacts/
.EXAMPLE
    ./build.ps1 -Task Test
.EXAMPLE
    ./build.ps1 -Task Package -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Push-Location $PSScriptRoot
try {
    function Invoke-Dotnet {
        & dotnet @args
        if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
    }

    switch ($Task) {
        'Build' {
            Invoke-Dotnet build ZsepPS.sln -c $Configuration
            Write-Host "Module staged: $(Join-Path $PSScriptRoot 'artifacts/module/ZsepAdmin')"
        }
        'Test' {
            Invoke-Dotnet test ZsepPS.sln -c $Configuration
        }
        'Package' {
            Invoke-Dotnet build ZsepPS.sln -c $Configuration
            $out = Join-Path $PSScriptRoot 'artifacts'
            $shell = Join-Path $out 'shell'
            Invoke-Dotnet publish src/ZsepAdmin.Shell/ZsepAdmin.Shell.csproj -c $Configuration -o $shell
            Copy-Item -Recurse -Force (Join-Path $out 'module/ZsepAdmin') (Join-Path $shell 'ZsepAdmin')
            $version = (Import-PowerShellDataFile (Join-Path $PSScriptRoot 'ZsepAdmin.psd1')).ModuleVersion
            Compress-Archive -Force -Path (Join-Path $out 'module/ZsepAdmin') -DestinationPath (Join-Path $out "ZsepAdmin-$version.zip")
            Compress-Archive -Force -Path (Join-Path $shell '*') -DestinationPath (Join-Path $out "ZsepAdmin.Shell-$version.zip")
            Write-Host "Packages written to $out"
        }
    }
}
finally {
    Pop-Location
}
