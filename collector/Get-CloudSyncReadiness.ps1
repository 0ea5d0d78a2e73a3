#Requires -Version 5.1
<#
.SYNOPSIS
    Read-only collector of the facts Cloud Sync Readiness needs to judge whether this server can host the
    Microsoft Entra Cloud Sync provisioning agent.

.DESCRIPTION
    READ-ONLY: this script changes nothing on this machine or in Active Directory. It only reads the registry
    (read-only handles), CIM/WMI, services and hotfixes; with -IncludeDomain it reads Active Directory (LDAP
    reads through the ActiveDirectory module, including the access rules of the domain root and of each
    -ScopeOU); unless -SkipNetwork it opens outbound TCP connections to the endpoints the Cloud Sync
    prerequisites list, and closes them at once without sending anything. Where the WinHTTP proxy applies to an
    endpoint (the path the agent uses), it asks the proxy instead: an HTTP CONNECT for 443 and 8080 (closed as soon
    as the proxy answers; nothing is sent through the tunnel) and a HEAD request for 80, and records the answer.
    The only thing it writes is the JSON report at -OutputPath.

    Each probe runs on its own: when one fails, its section is written as null ("not collected") and an
    entry is added to "errors"; the run carries on. Inside a section, a registry value that does not exist
    is written as null ("collected, absent"). Output format (schemaVersion 2): docs/collector.md.

.PARAMETER OutputPath
    Where to write the JSON report. Default: .\<COMPUTERNAME>.cloudsync-readiness.json

.PARAMETER Cloud
    Which cloud's endpoint list to test: Public (default) or USGov.

.PARAMETER TimeoutMs
    Timeout of each outbound TCP check, in milliseconds. Default: 3000.

.PARAMETER IncludeDomain
    Also collect the domain section (schema version, DCs, KDS root keys, functional levels, protected objects,
    gMSA, group memberships, and the access rules (DACL) of the domain root and of each -ScopeOU). Needs the
    ActiveDirectory module; KDS root keys need Domain or Enterprise Admins; reading a DACL needs Read
    permissions on the object (Authenticated Users have them by default).

.PARAMETER SkipNetwork
    Skip the outbound TCP checks. The WinHTTP proxy setting is still read.

.PARAMETER Tier0
    Record that this server is managed as a Tier 0 asset; -Tier0:$false records that it is not; omit it to
    record nothing.

.PARAMETER Site
    Free-text site recorded with the facts.

.PARAMETER Owner
    Free-text owner (team or person) recorded with the facts.

.PARAMETER Tag
    Free-text tags recorded with the facts, e.g. -Tag wave1,sync.

.PARAMETER GmsaName
    sAMAccountName of the agent's gMSA (with -IncludeDomain). Default: provAgentgMSA$.

.PARAMETER MaxObjects
    Upper bound on directory objects scanned for adminCount=1 and protected DACLs (with -IncludeDomain).
    Default: 20000; when reached, the counts are lower bounds and "truncated" is true.

.PARAMETER ScopeOU
    Distinguished names of OUs (or containers) inside the domain whose access rules are read as well as the
    domain root's (with -IncludeDomain), e.g. the OUs in sync scope: -ScopeOU 'OU=Staff,DC=corp,DC=contoso,DC=com'.
    A DN that is not inside the domain, does not exist or cannot be read is reported on its own; the run goes on.

.EXAMPLE
    powershell.exe -ExecutionPolicy Bypass -File .\Get-CloudSyncReadiness.ps1 -Cloud Public

    -ExecutionPolicy Bypass applies to this one process only; the machine's execution policy is not changed.

.EXAMPLE
    .\Get-CloudSyncReadiness.ps1 -Cloud USGov -IncludeDomain -Tier0 -Site HQ -Owner 'Identity team' -Tag wave1

.EXAMPLE
    .\Get-CloudSyncReadiness.ps1 -IncludeDomain -ScopeOU 'OU=Staff,DC=corp,DC=contoso,DC=com', 'OU=Legacy,DC=corp,DC=contoso,DC=com'
#>
[CmdletBinding()]
param(
    [string]$OutputPath = ".\$($env:COMPUTERNAME).cloudsync-readiness.json",
    [ValidateSet('Public', 'USGov')]
    [string]$Cloud = 'Public',
    [ValidateRange(100, 60000)]
    [int]$TimeoutMs = 3000,
    [switch]$IncludeDomain,
    [switch]$SkipNetwork,
    [switch]$Tier0,
    [string]$Site,
    [string]$Owner,
    [string[]]$Tag,
    [string]$GmsaName = 'provAgentgMSA$',
    [ValidateRange(1, 1000000)]
    [int]$MaxObjects = 20000,
    [ValidateCount(1, 100)]
    [ValidatePattern('^\s*([A-Za-z][A-Za-z0-9-]*=([^,\\]|\\.)+,\s*)+DC=')]
    [string[]]$ScopeOU
)

Set-StrictMode -Version 1
$ErrorActionPreference = 'Stop'
$CollectorName = 'Get-CloudSyncReadiness'
$CollectorVersion = '1.2.0'
if ($Cloud -eq 'USGov') { $Cloud = 'USGov' } else { $Cloud = 'Public' }
$script:CollectorErrors = New-Object System.Collections.Generic.List[object]
$script:AccountNames = @{}
if ($ScopeOU -and -not $IncludeDomain) { throw '-ScopeOU needs -IncludeDomain: the OUs are read with the domain section.' }

# Outbound endpoints per cloud (Cloud Sync prerequisites, "Firewall and Proxy requirements").
# MUST equal ENDPOINTS in lib/rules/endpoints.ts: a unit test compares the two lists.
$EndpointTable = @{
    Public = @(
        @{ pattern = '*.msappproxy.net'; port = 443; category = 'service'; probeHost = 'download.msappproxy.net' }
        @{ pattern = '*.servicebus.windows.net'; port = 443; category = 'service'; probeHost = 'watchdog.servicebus.windows.net' }
        @{ pattern = '*.microsoftonline.com'; port = 443; category = 'service'; probeHost = 'login.microsoftonline.com' }
        @{ pattern = '*.microsoft.com'; port = 443; category = 'service'; probeHost = 'www.microsoft.com' }
        @{ pattern = '*.msappproxy.com'; port = 443; category = 'service'; probeHost = 'www.msappproxy.com' }
        @{ pattern = '*.windowsazure.com'; port = 443; category = 'service'; probeHost = 'adnotifications.windowsazure.com' }
        @{ pattern = 'mscrl.microsoft.com'; port = 80; category = 'certificate-validation'; probeHost = 'mscrl.microsoft.com' }
        @{ pattern = 'crl.microsoft.com'; port = 80; category = 'certificate-validation'; probeHost = 'crl.microsoft.com' }
        @{ pattern = 'ocsp.msocsp.com'; port = 80; category = 'certificate-validation'; probeHost = 'ocsp.msocsp.com' }
        @{ pattern = 'www.microsoft.com'; port = 80; category = 'certificate-validation'; probeHost = 'www.microsoft.com' }
        @{ pattern = 'login.windows.net'; port = 443; category = 'registration'; probeHost = 'login.windows.net' }
        @{ pattern = 'login.live.com'; port = 443; category = 'registration'; probeHost = 'login.live.com' }
        @{ pattern = 'aadcdn.msauth.net'; port = 443; category = 'registration'; probeHost = 'aadcdn.msauth.net' }
        @{ pattern = 'aadcdn.msftauth.net'; port = 443; category = 'registration'; probeHost = 'aadcdn.msftauth.net' }
        @{ pattern = 'www.msftconnecttest.com'; port = 443; category = 'registration'; probeHost = 'www.msftconnecttest.com' }
    )
    USGov = @(
        @{ pattern = '*.msappproxy.us'; port = 443; category = 'service'; probeHost = 'autoupdate.msappproxy.us' }
        @{ pattern = '*.servicebus.usgovcloudapi.net'; port = 443; category = 'service'; probeHost = 'watchdog.servicebus.usgovcloudapi.net' }
        @{ pattern = 'mscrl.microsoft.us'; port = 80; category = 'certificate-validation'; probeHost = 'mscrl.microsoft.us' }
        @{ pattern = 'crl.microsoft.us'; port = 80; category = 'certificate-validation'; probeHost = 'crl.microsoft.us' }
        @{ pattern = 'ocsp.msocsp.us'; port = 80; category = 'certificate-validation'; probeHost = 'ocsp.msocsp.us' }
        @{ pattern = 'www.microsoft.us'; port = 80; category = 'certificate-validation'; probeHost = 'www.microsoft.us' }
        @{ pattern = 'login.windows.us'; port = 443; category = 'registration'; probeHost = 'login.windows.us' }
        @{ pattern = 'secure.aadcdn.microsoftonline-p.com'; port = 443; category = 'registration'; probeHost = 'secure.aadcdn.microsoftonline-p.com' }
        @{ pattern = '*.microsoftonline.us'; port = 443; category = 'registration'; probeHost = 'login.microsoftonline.us' }
        @{ pattern = '*.microsoftonline-p.us'; port = 443; category = 'registration'; probeHost = 'login.microsoftonline-p.us' }
        @{ pattern = '*.msauth.net'; port = 443; category = 'registration'; probeHost = 'aadcdn.msauth.net' }
        @{ pattern = '*.msauthimages.net'; port = 443; category = 'registration'; probeHost = 'aadcdn.msauthimages.net' }
        @{ pattern = '*.msecnd.net'; port = 443; category = 'registration'; probeHost = 'az416426.vo.msecnd.net' }
        @{ pattern = '*.msftauth.net'; port = 443; category = 'registration'; probeHost = 'aadcdn.msftauth.net' }
        @{ pattern = '*.msftauthimages.net'; port = 443; category = 'registration'; probeHost = 'aadcdn.msftauthimages.net' }
        @{ pattern = '*.phonefactor.net'; port = 443; category = 'registration'; probeHost = 'pfd.phonefactor.net' }
        @{ pattern = 'enterpriseregistration.windows.net'; port = 443; category = 'registration'; probeHost = 'enterpriseregistration.windows.net' }
        @{ pattern = 'management.azure.com'; port = 443; category = 'registration'; probeHost = 'management.azure.com' }
        @{ pattern = 'policykeyservice.dc.ad.msft.net'; port = 443; category = 'registration'; probeHost = 'policykeyservice.dc.ad.msft.net' }
        @{ pattern = 'ctldl.windowsupdate.us'; port = 80; category = 'registration'; probeHost = 'ctldl.windowsupdate.us' }
        @{ pattern = 'aadcdn.msftauthimages.us'; port = 443; category = 'registration'; probeHost = 'aadcdn.msftauthimages.us' }
        @{ pattern = '*.microsoft.us'; port = 443; category = 'registration'; probeHost = 'www.microsoft.us' }
        @{ pattern = 'msauthimages.us'; port = 443; category = 'registration'; probeHost = 'msauthimages.us' }
        @{ pattern = 'msftauthimages.us'; port = 443; category = 'registration'; probeHost = 'msftauthimages.us' }
    )
}

# Endpoints also probed on a second port (alsoPort in lib/rules/endpoints.ts; a unit test compares them):
# www.msftconnecttest.com is listed without a port (443), but it is Windows' connectivity test host, fetched over HTTP.
$SecondPortTable = @{ 'www.msftconnecttest.com' = 80 }

# ---------------------------------------------------------------- helpers

function Add-CollectorError {
    param([string]$Probe, [string]$Message)
    # json: errors[]
    $script:CollectorErrors.Add([ordered]@{ probe = $Probe; message = $Message })
}

function Invoke-Probe {
    # Runs one probe; a failure is recorded in "errors" and the probe yields $null ("not collected").
    param([string]$ProbeName, [scriptblock]$ProbeBody)
    Write-Verbose "Probe: $ProbeName"
    try { & $ProbeBody } catch { Add-CollectorError -Probe $ProbeName -Message $_.Exception.Message; $null }
}

function Open-HklmKey {
    # Opens HKLM\<Path> READ-ONLY (writable = $false) in the 64-bit view; $null when the key does not exist.
    param([string]$Path)
    [Microsoft.Win32.RegistryKey]::OpenBaseKey('LocalMachine', 'Registry64').OpenSubKey($Path, $false)
}

function Get-RegValue {
    param([string]$Path, [string]$Name)
    $key = Open-HklmKey -Path $Path
    if ($null -eq $key) { return $null }
    try { return , ($key.GetValue($Name)) } finally { $key.Close() }
}

function Test-RegKey {
    param([string]$Path)
    $key = Open-HklmKey -Path $Path
    if ($null -ne $key) { $key.Close() }
    $null -ne $key
}

function Get-RegSubKeyNames {
    param([string]$Path)
    $key = Open-HklmKey -Path $Path
    if ($null -eq $key) { return , ([string[]]@()) }
    try { return , ([string[]]$key.GetSubKeyNames()) } finally { $key.Close() }
}

function Get-RegDword {
    # The DWORD as an unsigned number, or $null when the key or value does not exist.
    param([string]$Path, [string]$Name)
    $value = Get-RegValue -Path $Path -Name $Name
    if ($null -eq $value) { return $null }
    if ($value -is [int]) { if ($value -lt 0) { return [long]$value + 4294967296 } else { return $value } }
    if ($value -is [long]) { return $value }
    Add-CollectorError -Probe 'registry' -Message ('HKLM\{0}\{1} is {2}, not a REG_DWORD (Windows ignores it); written as null' -f $Path, $Name, $value.GetType().Name)
    $null
}

function ConvertTo-IsoUtc {
    param($Date)
    if ($null -eq $Date) { return $null }
    ([datetime]$Date).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [System.Globalization.CultureInfo]::InvariantCulture)
}

function ConvertTo-NullIfEmpty {
    param([string]$Text)
    if ([string]::IsNullOrWhiteSpace($Text)) { return $null }
    $Text.Trim()
}

function ConvertTo-AccountName {
    # SID -> DOMAIN\name, or $null when it cannot be translated.
    param([string]$Sid)
    if (-not $Sid) { return $null }
    try { ([System.Security.Principal.SecurityIdentifier]::new($Sid)).Translate([System.Security.Principal.NTAccount]).Value } catch { $null }
}

function Get-CachedAccountName {
    # ConvertTo-AccountName once per SID: a DACL names the same few principals many times.
    param([string]$Sid)
    if (-not $script:AccountNames.ContainsKey($Sid)) { $script:AccountNames[$Sid] = ConvertTo-AccountName $Sid }
    $script:AccountNames[$Sid]
}

function Get-LocalFqdn {
    $ip = [System.Net.NetworkInformation.IPGlobalProperties]::GetIPGlobalProperties()
    if ($ip.DomainName) { return ('{0}.{1}' -f $ip.HostName, $ip.DomainName) }
    $ip.HostName
}

function Test-IsElevated {
    $principal = New-Object System.Security.Principal.WindowsPrincipal([System.Security.Principal.WindowsIdentity]::GetCurrent())
    $principal.IsInRole([System.Security.Principal.WindowsBuiltInRole]::Administrator)
}

function Test-IsDirectoryAdmin {
    # Domain Admins (-512), Enterprise Admins (-519) or SYSTEM: the principals that can read KDS root keys.
    $identity = [System.Security.Principal.WindowsIdentity]::GetCurrent()
    $identity.IsSystem -or @($identity.Groups | Where-Object { $_.Value -match '-51[29]$' }).Count -gt 0
}

# ---------------------------------------------------------------- the computer's own domain and RSAT

function Get-ComputerDomainName {
    # The AD domain this computer is joined to (Win32_ComputerSystem.Domain), not the signed-in user's, and not
    # the primary DNS suffix, which differs from it in a disjoint namespace. $null on a workgroup computer.
    $system = Get-CimInstance -ClassName Win32_ComputerSystem
    if (-not $system.PartOfDomain) { return $null }
    $domain = [string]$system.Domain
    $domain
}

function Get-ComputerDomainSearcher {
    # A read-only LDAP searcher rooted at the computer's own domain (LDAP://<domain>, the -Server of the AD
    # cmdlets): without a root, DirectorySearcher searches the signed-in user's domain, which is another domain
    # when an admin of a trusted domain runs the collector.
    param([string]$Domain, [string]$Filter)
    $searcher = New-Object System.DirectoryServices.DirectorySearcher($Filter)
    if ($Domain) { $searcher.SearchRoot = New-Object System.DirectoryServices.DirectoryEntry("LDAP://$Domain") }
    $searcher
}

function Get-RsatAdPowerShellState {
    # Whether the Active Directory module for Windows PowerShell is installed on THIS machine, domain controller or
    # not: Windows Server's RSAT-AD-PowerShell feature (Get-WindowsFeature), a Windows client's RSAT capability
    # (Get-WindowsCapability, needs elevation), else whether the module is available. Read-only.
    $productType = [int](Get-CimInstance -ClassName Win32_OperatingSystem).ProductType
    if ($productType -ne 1 -and (Get-Command -Name Get-WindowsFeature -ErrorAction SilentlyContinue)) {
        try {
            $feature = Get-WindowsFeature -Name 'RSAT-AD-PowerShell'
            if ($null -ne $feature) { return @{ Installed = [bool]$feature.Installed; Method = 'Get-WindowsFeature RSAT-AD-PowerShell' } }
        } catch { Add-CollectorError -Probe 'domain.collectedOn.rsatAdPowerShell' -Message $_.Exception.Message }
    }
    if ($productType -eq 1 -and (Get-Command -Name Get-WindowsCapability -ErrorAction SilentlyContinue)) {
        try {
            $capability = @(Get-WindowsCapability -Online -Name 'Rsat.ActiveDirectory.DS-LDS.Tools*') | Select-Object -First 1
            if ($null -ne $capability) { return @{ Installed = ([string]$capability.State -eq 'Installed'); Method = 'Get-WindowsCapability Rsat.ActiveDirectory.DS-LDS.Tools' } }
        } catch { Add-CollectorError -Probe 'domain.collectedOn.rsatAdPowerShell' -Message $_.Exception.Message }
    }
    @{ Installed = ($null -ne (Get-Module -ListAvailable -Name ActiveDirectory | Select-Object -First 1)); Method = 'Get-Module -ListAvailable ActiveDirectory' }
}

function Get-CollectedOnInfo {
    # Where the domain section was collected, and whether RSAT-AD-PowerShell is installed there.
    param([bool]$OnDomainController)
    $rsat = Invoke-Probe -ProbeName 'domain.collectedOn.rsatAdPowerShell' -ProbeBody { Get-RsatAdPowerShellState }
    $installed = $null
    $method = $null
    if ($null -ne $rsat) { $installed = $rsat.Installed; $method = $rsat.Method }
    # json: domain.collectedOn
    [ordered]@{
        computerName = $env:COMPUTERNAME; fqdn = (Get-LocalFqdn); domain = (Get-ComputerDomainName)
        isDomainController = $OnDomainController; rsatAdPowerShell = $installed; rsatMethod = $method
    }
}

# ---------------------------------------------------------------- host probes

function Get-ComputerAccount {
    # This computer's own AD object, through a read-only LDAP search (no module needed), in the computer's own
    # domain (Get-ComputerDomainSearcher), not the signed-in user's.
    param([string]$Domain)
    $searcher = Get-ComputerDomainSearcher -Domain $Domain -Filter "(&(objectCategory=computer)(sAMAccountName=$($env:COMPUTERNAME)`$))"
    $found = $searcher.FindOne()
    if ($null -eq $found) { throw "No computer object named $($env:COMPUTERNAME)`$ was found in the domain $Domain." }
    $sid = [System.Security.Principal.SecurityIdentifier]::new([byte[]]$found.Properties['objectsid'][0], 0).Value
    $accountName = ConvertTo-AccountName $sid
    $netbiosDomain = $null
    if ($accountName -and $accountName.Contains('\')) { $netbiosDomain = $accountName.Split('\')[0] }
    # json: host.identity.computerAccount
    [ordered]@{
        accountName = $accountName; netbiosDomain = $netbiosDomain; sid = $sid
        objectGuid = [guid]::new([byte[]]$found.Properties['objectguid'][0]).ToString()
        distinguishedName = [string]$found.Properties['distinguishedname'][0]
    }
}

function Get-IdentityInfo {
    $system = Get-CimInstance -ClassName Win32_ComputerSystem
    $dnsDomain = $null
    $account = $null
    if ($system.PartOfDomain) {
        $dnsDomain = [string]$system.Domain
        $account = Invoke-Probe -ProbeName 'identity.computerAccount' -ProbeBody { Get-ComputerAccount -Domain $dnsDomain }
    }
    # json: host.identity
    [ordered]@{ computerName = $env:COMPUTERNAME; fqdn = (Get-LocalFqdn); domain = $dnsDomain; computerAccount = $account }
}

function Get-OsInfo {
    $os = Get-CimInstance -ClassName Win32_OperatingSystem
    $currentVersion = 'SOFTWARE\Microsoft\Windows NT\CurrentVersion'
    $levels = "$currentVersion\Server\ServerLevels"
    # json: host.os.serverLevels
    $serverLevels = [ordered]@{
        nanoServer = (Get-RegDword $levels 'NanoServer'); serverCore = (Get-RegDword $levels 'ServerCore')
        serverGuiMgmt = (Get-RegDword $levels 'Server-Gui-Mgmt'); serverGuiShell = (Get-RegDword $levels 'Server-Gui-Shell')
    }
    # json: host.os
    [ordered]@{
        caption            = [string]$os.Caption
        version            = [string]$os.Version
        buildNumber        = [string]$os.BuildNumber
        ubr                = (Get-RegDword $currentVersion 'UBR')
        productType        = [int]$os.ProductType
        operatingSystemSku = [int]$os.OperatingSystemSKU
        osArchitecture     = [string]$os.OSArchitecture
        installationType   = (Get-RegValue $currentVersion 'InstallationType')
        serverLevels       = $serverLevels
    }
}

function Get-DomainMembershipInfo {
    $system = Get-CimInstance -ClassName Win32_ComputerSystem
    # json: host.domainMembership
    [ordered]@{ partOfDomain = [bool]$system.PartOfDomain; domainRole = [int]$system.DomainRole; domain = [string]$system.Domain }
}

function Get-MemoryInfo {
    $system = Get-CimInstance -ClassName Win32_ComputerSystem
    $modules = @(Get-CimInstance -ClassName Win32_PhysicalMemory)
    $installed = $null
    if ($modules.Count -gt 0) { $installed = [uint64]($modules | Measure-Object -Property Capacity -Sum).Sum }
    # json: host.memory
    [ordered]@{ totalPhysicalBytes = [uint64]$system.TotalPhysicalMemory; installedBytes = $installed }
}

function Get-DotNetInfo {
    # json: host.dotnet
    [ordered]@{ release = (Get-RegDword 'SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full' 'Release') }
}

function Get-ExecutionPolicyInfo {
    $scopes = New-Object System.Collections.Generic.List[object]
    foreach ($entry in @(Get-ExecutionPolicy -List)) {
        # json: host.executionPolicy.scopes[]
        $scopes.Add([ordered]@{ scope = $entry.Scope.ToString(); policy = $entry.ExecutionPolicy.ToString() })
    }
    # json: host.executionPolicy
    [ordered]@{ effective = (Get-ExecutionPolicy).ToString(); scopes = $scopes.ToArray() }
}

function Get-SchannelValues {
    param([string]$Path)
    # json: host.tls.schannelTls12.client|host.tls.schannelTls12.server
    [ordered]@{ enabled = (Get-RegDword $Path 'Enabled'); disabledByDefault = (Get-RegDword $Path 'DisabledByDefault') }
}

function Get-DotNetTlsValues {
    param([string]$Path)
    # json: host.tls.dotnet64|host.tls.dotnet32
    [ordered]@{ schUseStrongCrypto = (Get-RegDword $Path 'SchUseStrongCrypto'); systemDefaultTlsVersions = (Get-RegDword $Path 'SystemDefaultTlsVersions') }
}

function Get-TlsInfo {
    $tls12 = 'SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2'
    # json: host.tls.schannelTls12
    $schannel = [ordered]@{ client = (Get-SchannelValues "$tls12\Client"); server = (Get-SchannelValues "$tls12\Server") }
    # json: host.tls
    [ordered]@{
        schannelTls12 = $schannel
        dotnet64      = (Get-DotNetTlsValues 'SOFTWARE\Microsoft\.NETFramework\v4.0.30319')
        dotnet32      = (Get-DotNetTlsValues 'SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319')
    }
}

function Get-NtlmInfo {
    # json: host.ntlm
    [ordered]@{
        restrictSendingNtlmTraffic = (Get-RegDword 'SYSTEM\CurrentControlSet\Control\Lsa\MSV1_0' 'RestrictSendingNTLMTraffic')
        restrictNtlmInDomain       = (Get-RegDword 'SYSTEM\CurrentControlSet\Services\Netlogon\Parameters' 'RestrictNTLMInDomain')
    }
}

function Get-ServiceState {
    param([string]$Name)
    $service = Get-CimInstance -ClassName Win32_Service -Filter ("Name='{0}'" -f $Name)
    $startMode = $null
    $state = $null
    if ($null -ne $service) { $startMode = [string]$service.StartMode; $state = [string]$service.State }
    # json: host.services.vaultSvc|host.agent.service
    [ordered]@{ name = $Name; exists = ($null -ne $service); startMode = $startMode; state = $state }
}

function Get-ServicesInfo {
    # json: host.services
    [ordered]@{ vaultSvc = (Get-ServiceState -Name 'VaultSvc') }
}

function Get-HotfixInfo {
    $ids = @(Get-CimInstance -ClassName Win32_QuickFixEngineering | ForEach-Object { [string]$_.HotFixID } | Where-Object { $_ -match '^KB\d+$' } | Sort-Object -Unique)
    # json: host.hotfixes
    [ordered]@{ source = 'Win32_QuickFixEngineering'; ids = $ids }
}

function Get-AgentPackage {
    # Installed-programs entry; matches the old and new names ("Azure AD Connect" / "Entra" ... "Provisioning Agent").
    foreach ($root in 'SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall', 'SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall') {
        foreach ($name in (Get-RegSubKeyNames -Path $root)) {
            $displayName = [string](Get-RegValue "$root\$name" 'DisplayName')
            if ($displayName -match '(Azure AD Connect|Entra).*Provisioning Agent') {
                return @{ DisplayName = $displayName; DisplayVersion = (ConvertTo-NullIfEmpty (Get-RegValue "$root\$name" 'DisplayVersion')) }
            }
        }
    }
    $null
}

function Get-AgentInfo {
    $agentKey = 'SOFTWARE\Microsoft\Azure AD Connect Agents\Azure AD Connect Provisioning Agent'
    $keyPresent = Test-RegKey -Path $agentKey
    $serviceName = [string](Get-RegValue $agentKey 'ServiceName')
    if (-not $serviceName) { $serviceName = 'AADConnectProvisioningAgent' }
    $installDir = [string](Get-RegValue $agentKey 'InstallDir')
    if (-not $installDir) {
        $programFiles = $env:ProgramW6432
        if (-not $programFiles) { $programFiles = $env:ProgramFiles }
        $installDir = Join-Path -Path $programFiles -ChildPath 'Microsoft Azure AD Connect Provisioning Agent'
    }
    $exe = Join-Path -Path $installDir -ChildPath 'AADConnectProvisioningAgent.exe'
    $fileVersion = $null
    if (Test-Path -LiteralPath $exe -PathType Leaf) {
        $info = [System.Diagnostics.FileVersionInfo]::GetVersionInfo($exe)
        $fileVersion = '{0}.{1}.{2}.{3}' -f $info.FileMajorPart, $info.FileMinorPart, $info.FileBuildPart, $info.FilePrivatePart
    }
    $package = Get-AgentPackage
    if ($null -eq $package) { $package = @{ DisplayName = $null; DisplayVersion = $null } }
    $service = Get-ServiceState -Name $serviceName
    $version = $fileVersion
    if (-not $version) { $version = $package.DisplayVersion }
    # json: host.agent
    [ordered]@{
        installed          = ($keyPresent -or $service.exists -or ($null -ne $fileVersion) -or ($null -ne $package.DisplayName))
        version            = $version
        fileVersion        = $fileVersion
        displayName        = $package.DisplayName
        displayVersion     = $package.DisplayVersion
        installDir         = $installDir
        registryKeyPresent = $keyPresent
        service            = $service
    }
}

function Read-WinHttpSettings {
    # WinHttpSettings (REG_BINARY): size, counter, flags (1 direct, 2 proxy), proxy length + ASCII, bypass length + ASCII.
    param([byte[]]$Bytes)
    $flags = [BitConverter]::ToInt32($Bytes, 8)
    $proxyLength = [BitConverter]::ToInt32($Bytes, 12)
    $proxy = [System.Text.Encoding]::ASCII.GetString($Bytes, 16, $proxyLength)
    $bypass = [System.Text.Encoding]::ASCII.GetString($Bytes, 20 + $proxyLength, [BitConverter]::ToInt32($Bytes, 16 + $proxyLength))
    @{ Configured = ((($flags -band 2) -ne 0) -and ($proxy -ne '')); Address = $proxy; Bypass = $bypass }
}

function Read-NetshProxy {
    # "netsh winhttp show proxy" only displays the setting (English output expected).
    $lines = @(& netsh.exe winhttp show proxy)
    if (($lines -join ' ') -match 'Direct access') { return @{ Configured = $false; Address = $null; Bypass = $null } }
    $proxy = @{ Configured = $true; Address = $null; Bypass = $null }
    foreach ($line in $lines) {
        if ($line -match '^\s*Proxy Server\(s\)\s*:\s*(.+)$') { $proxy.Address = $Matches[1] }
        if ($line -match '^\s*Bypass List\s*:\s*(.+)$') { $proxy.Bypass = $Matches[1] }
    }
    if ($null -eq $proxy.Address) { throw 'The output of "netsh winhttp show proxy" was not recognised.' }
    $proxy
}

function Get-ProxyInfo {
    $source = 'registry'
    $proxy = @{ Configured = $false; Address = $null; Bypass = $null }
    $raw = Get-RegValue 'SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\Connections' 'WinHttpSettings'
    if ($null -ne $raw) {
        try { $proxy = Read-WinHttpSettings -Bytes $raw } catch { $source = 'netsh'; $proxy = Read-NetshProxy }
    }
    # json: host.network.proxy
    [ordered]@{
        source = $source; configured = [bool]$proxy.Configured
        address = (ConvertTo-NullIfEmpty $proxy.Address); bypass = (ConvertTo-NullIfEmpty $proxy.Bypass)
    }
}

function Test-TcpEndpoint {
    # Opens one outbound TCP connection and closes it; nothing is sent.
    param([string]$HostName, [int]$Port, [string]$Category, [string]$Pattern, [bool]$Optional)
    $client = New-Object System.Net.Sockets.TcpClient
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $reachable = $false
    $latency = $null
    $failure = $null
    try {
        $pending = $client.BeginConnect($HostName, $Port, $null, $null)
        if ($pending.AsyncWaitHandle.WaitOne($TimeoutMs, $false)) {
            $client.EndConnect($pending)
            $reachable = $true
            $latency = [int]$watch.ElapsedMilliseconds
        } else {
            $failure = "No TCP connection within $TimeoutMs ms"
        }
    } catch {
        $inner = $_.Exception
        while ($null -ne $inner.InnerException) { $inner = $inner.InnerException }
        $failure = $inner.Message
    } finally {
        $client.Close()
    }
    # json: host.network.checks[]|host.network.domainControllerChecks[]
    [ordered]@{
        host = $HostName; port = $Port; category = $Category; pattern = $Pattern; optional = $Optional
        reachable = $reachable; latencyMs = $latency; error = $failure
        via = 'direct'; proxy = $null; proxyStatus = $null
    }
}

function Get-WinHttpProxyServer {
    # The proxy server WinHTTP uses for a scheme, as host:port: "p:8080" serves every scheme,
    # "http=p1:80;https=p2:8443" one each (no entry for the scheme: direct, $null). A "http://" prefix is dropped.
    param([string]$Address, [string]$Scheme)
    $generic = $null
    foreach ($entry in ($Address -split '[;\s]+')) {
        if ($entry -eq '') { continue }
        $server = $entry
        if ($entry -match '^([A-Za-z]+)=(.+)$') {
            if ($Matches[1] -ne $Scheme) { continue }
            return (($Matches[2] -replace '^[A-Za-z]+://', '') -replace '/+$', '')
        }
        if ($null -eq $generic) { $generic = (($server -replace '^[A-Za-z]+://', '') -replace '/+$', '') }
    }
    $generic
}

function Test-ProxyBypass {
    # True when the WinHTTP bypass list names the host ("*" wildcards; "<local>" = names without a dot).
    param([string]$Bypass, [string]$HostName)
    if (-not $Bypass) { return $false }
    foreach ($entry in ($Bypass -split '[;\s,]+')) {
        if ($entry -eq '') { continue }
        if ($entry -eq '<local>') { if ($HostName -notmatch '\.') { return $true } else { continue } }
        $pattern = ($entry -replace '^[A-Za-z]+://', '') -replace ':\d+$', ''
        if ($HostName -like $pattern) { return $true }
    }
    $false
}

function Read-ProxyStatusLine {
    # Reads the proxy's answer up to the end of its status line ("HTTP/1.1 200 Connection established").
    param([System.Net.Sockets.Socket]$Socket)
    $buffer = New-Object byte[] 1024
    $text = ''
    while ($text.Length -lt 4096 -and $text.IndexOf("`n") -lt 0) {
        $read = $Socket.Receive($buffer)
        if ($read -le 0) { break }
        $text += [System.Text.Encoding]::ASCII.GetString($buffer, 0, $read)
    }
    if ($text -eq '') { throw 'The proxy closed the connection without an answer.' }
    ($text -split "`r?`n")[0].Trim()
}

function Test-ProxiedEndpoint {
    # Asks the proxy for the endpoint as the agent would: CONNECT host:port (443, 8080) or HEAD http://host/ (80).
    # Reached: CONNECT answered 2xx; HEAD answered by anything but a proxy refusal (403, 407, 502, 503, 504).
    param([string]$HostName, [int]$Port, [string]$Category, [string]$Pattern, [bool]$Optional, [string]$ProxyServer)
    $reachable = $false
    $latency = $null
    $failure = $null
    $status = $null
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $client = New-Object System.Net.Sockets.TcpClient
    try {
        if ($ProxyServer -notmatch '^(.+):(\d+)$') { throw "The proxy server '$ProxyServer' has no port." }
        $proxyHost = $Matches[1]
        $proxyPort = [int]$Matches[2]
        $pending = $client.BeginConnect($proxyHost, $proxyPort, $null, $null)
        if (-not $pending.AsyncWaitHandle.WaitOne($TimeoutMs, $false)) { throw "No TCP connection to the proxy $ProxyServer within $TimeoutMs ms" }
        $client.EndConnect($pending)
        $client.Client.ReceiveTimeout = $TimeoutMs
        $client.Client.SendTimeout = $TimeoutMs
        if ($Port -eq 80) {
            $request = "HEAD http://$HostName/ HTTP/1.1`r`nHost: $HostName`r`nConnection: close`r`n`r`n"
        } else {
            $request = "CONNECT $($HostName):$Port HTTP/1.1`r`nHost: $($HostName):$Port`r`n`r`n"
        }
        [void]$client.Client.Send([System.Text.Encoding]::ASCII.GetBytes($request))
        $status = Read-ProxyStatusLine -Socket $client.Client
        $latency = [int]$watch.ElapsedMilliseconds
        $code = 0
        if ($status -match '^HTTP/\d\.\d\s+(\d{3})') { $code = [int]$Matches[1] }
        if ($Port -eq 80) {
            $reachable = ($code -ge 100) -and (@(403, 407, 502, 503, 504) -notcontains $code)
        } else {
            $reachable = ($code -ge 200) -and ($code -lt 300)
        }
        if (-not $reachable) { $failure = "The proxy $ProxyServer answered $status" }
    } catch {
        $inner = $_.Exception
        while ($null -ne $inner.InnerException) { $inner = $inner.InnerException }
        $failure = $inner.Message
        if ($null -eq $status) { $status = $inner.Message }
    } finally {
        $client.Close()
    }
    # json: host.network.checks[]
    [ordered]@{
        host = $HostName; port = $Port; category = $Category; pattern = $Pattern; optional = $Optional
        reachable = $reachable; latencyMs = $latency; error = $failure
        via = 'proxy'; proxy = $ProxyServer; proxyStatus = $status
    }
}

function Test-EndpointPath {
    # Probes the endpoint on the path the agent uses: through the WinHTTP proxy unless none applies to it.
    param([string]$HostName, [int]$Port, [string]$Category, [string]$Pattern, [bool]$Optional, $Proxy)
    $server = $null
    if ($null -ne $Proxy -and $Proxy.configured -and $Proxy.address -and -not (Test-ProxyBypass -Bypass $Proxy.bypass -HostName $HostName)) {
        $scheme = 'https'
        if ($Port -eq 80) { $scheme = 'http' }
        $server = Get-WinHttpProxyServer -Address $Proxy.address -Scheme $scheme
    }
    if ($server) {
        return (Test-ProxiedEndpoint -HostName $HostName -Port $Port -Category $Category -Pattern $Pattern -Optional $Optional -ProxyServer $server)
    }
    Test-TcpEndpoint -HostName $HostName -Port $Port -Category $Category -Pattern $Pattern -Optional $Optional
}

function Get-NetworkChecks {
    param($Proxy)
    $endpoints = $EndpointTable[$Cloud]
    $checks = New-Object System.Collections.Generic.List[object]
    foreach ($endpoint in $endpoints) {
        $checks.Add((Test-EndpointPath -HostName $endpoint.probeHost -Port $endpoint.port -Category $endpoint.category -Pattern $endpoint.pattern -Optional $false -Proxy $Proxy))
    }
    # Second ports, in table order (www.msftconnecttest.com on 80).
    foreach ($endpoint in $endpoints) {
        if ($SecondPortTable.ContainsKey($endpoint.probeHost)) {
            $checks.Add((Test-EndpointPath -HostName $endpoint.probeHost -Port $SecondPortTable[$endpoint.probeHost] -Category $endpoint.category -Pattern $endpoint.pattern -Optional $false -Proxy $Proxy))
        }
    }
    # Port 8080 is optional: the agent sends its status report over it when 443 is unavailable.
    $service = @($endpoints | Where-Object { $_.category -eq 'service' })[0]
    $checks.Add((Test-EndpointPath -HostName $service.probeHost -Port 8080 -Category 'service' -Pattern $service.pattern -Optional $true -Proxy $Proxy))
    , $checks.ToArray()
}

function Get-DcPortChecks {
    # Group provisioning to AD needs TCP 389 (LDAP) and 3268 (global catalog) from the agent server to the
    # domain controllers of its domain. The DCs come from the computer's own domain (no RSAT needed); one TCP
    # connection per DC and port, opened and closed, nothing sent.
    $domain = [System.DirectoryServices.ActiveDirectory.Domain]::GetComputerDomain()
    $checks = New-Object System.Collections.Generic.List[object]
    foreach ($dc in @($domain.DomainControllers)) {
        foreach ($port in @(389, 3268)) {
            $checks.Add((Test-TcpEndpoint -HostName ([string]$dc.Name) -Port $port -Category 'domain-controller' -Pattern ([string]$dc.Name) -Optional $false))
        }
    }
    , $checks.ToArray()
}

function Get-NetworkInfo {
    # The proxy first: the checks go through it where it applies.
    $proxy = Invoke-Probe -ProbeName 'network.proxy' -ProbeBody { Get-ProxyInfo }
    $checks = $null
    $dcChecks = $null
    if (-not $SkipNetwork) {
        $checks = Invoke-Probe -ProbeName 'network.checks' -ProbeBody { Get-NetworkChecks -Proxy $proxy }
        $dcChecks = Invoke-Probe -ProbeName 'network.domainControllerChecks' -ProbeBody { Get-DcPortChecks }
    }
    # json: host.network
    [ordered]@{
        cloud = $Cloud; timeoutMs = $TimeoutMs; skipped = [bool]$SkipNetwork; checks = $checks
        proxy = $proxy
        domainControllerChecks = $dcChecks
    }
}

function Get-FirewallInfo {
    # Windows Firewall only: an enabled outbound rule with a LocalUser condition other than Any filters by
    # originating user. Whether such rules allow Network Service is left to the administrator (networkServiceAllowed
    # stays null) unless no rule filters by user. A network firewall's user filtering is not visible from here.
    $filters = @(Get-NetFirewallRule -Direction Outbound -Enabled True -ErrorAction Stop | Get-NetFirewallSecurityFilter | Where-Object { $_.LocalUser -and $_.LocalUser -ne 'Any' })
    $byUser = ($filters.Count -gt 0)
    # json: host.firewall
    [ordered]@{
        filtersByUser = $byUser; userFilteredRules = $filters.Count; networkServiceAllowed = $null
    }
}

# ---------------------------------------------------------------- domain probes (-IncludeDomain)

function Get-DomainControllerList {
    # RSAT-AD-PowerShell is known for the DC running the script (from domain.collectedOn), matched by host name or,
    # in a disjoint namespace, by computer name; null (unknown) for the others.
    param([hashtable]$Ad, [string]$LocalFqdn, [bool]$OnDomainController, $LocalRsat)
    $list = New-Object System.Collections.Generic.List[object]
    foreach ($dc in @(Get-ADDomainController @Ad -Filter *)) {
        $rsat = $null
        if ($OnDomainController -and (([string]$dc.HostName -eq $LocalFqdn) -or ([string]$dc.Name -eq $env:COMPUTERNAME))) {
            $rsat = $LocalRsat
        }
        # json: domain.domainControllers[]
        $list.Add([ordered]@{
                name = [string]$dc.Name; hostName = [string]$dc.HostName; site = [string]$dc.Site
                operatingSystem = [string]$dc.OperatingSystem; operatingSystemVersion = [string]$dc.OperatingSystemVersion
                rsatAdPowerShell = $rsat
            })
    }
    , $list.ToArray()
}

function Get-KdsRootKeyList {
    $keys = @(Get-KdsRootKey)
    if ($keys.Count -eq 0 -and -not (Test-IsDirectoryAdmin)) {
        throw 'Get-KdsRootKey returned no key, but only Domain Admins, Enterprise Admins or SYSTEM can read KDS root keys: run as one of them to tell "none" from "not readable".'
    }
    $list = New-Object System.Collections.Generic.List[object]
    foreach ($key in $keys) {
        # json: domain.kdsRootKeys[]
        $list.Add([ordered]@{ id = [string]$key.KeyId; effectiveTime = (ConvertTo-IsoUtc $key.EffectiveTime); creationTime = (ConvertTo-IsoUtc $key.CreationTime) })
    }
    , $list.ToArray()
}

function Get-ProtectedObjectCounts {
    # Bounded by -MaxObjects: the counts are lower bounds when "truncated" is true.
    param([hashtable]$Ad, [string]$DomainDn)
    $adminCount = @(Get-ADObject @Ad -SearchBase $DomainDn -LDAPFilter '(adminCount=1)' -ResultSetSize $MaxObjects)
    $filter = '(|(objectClass=organizationalUnit)(objectCategory=person)(objectCategory=group))'
    $scanned = @(Get-ADObject @Ad -SearchBase $DomainDn -LDAPFilter $filter -Properties nTSecurityDescriptor -ResultSetSize $MaxObjects)
    $protected = @($scanned | Where-Object { $_.nTSecurityDescriptor -and $_.nTSecurityDescriptor.AreAccessRulesProtected })
    $samples = @(@($adminCount | Select-Object -First 5) + @($protected | Select-Object -First 5) | ForEach-Object { [string]$_.DistinguishedName } | Select-Object -Unique)
    # json: domain.protectedObjects
    [ordered]@{
        adminCountCount = $adminCount.Count; inheritanceDisabledCount = $protected.Count; scanned = $scanned.Count
        truncated = (($adminCount.Count -ge $MaxObjects) -or ($scanned.Count -ge $MaxObjects)); samples = $samples
    }
}

function Resolve-AdPrincipal {
    param([hashtable]$Ad, [string]$DistinguishedName)
    $sid = $null
    try { $sid = [string](Get-ADObject @Ad -Identity $DistinguishedName -Properties objectSid).objectSid } catch { $sid = $null }
    # json: domain.gmsa.principalsAllowedToRetrievePassword[]
    [ordered]@{ name = (ConvertTo-AccountName $sid); sid = $sid; distinguishedName = $DistinguishedName }
}

function Get-GmsaInfo {
    param([hashtable]$Ad)
    $account = $null
    try { $account = Get-ADServiceAccount @Ad -Identity $GmsaName -Properties PrincipalsAllowedToRetrieveManagedPassword }
    catch { if ($_.Exception.GetType().Name -ne 'ADIdentityNotFoundException') { throw } }
    $principals = New-Object System.Collections.Generic.List[object]
    $found = $null -ne $account
    if (-not $found) { $account = @{ SamAccountName = $null; DistinguishedName = $null; SID = $null; PrincipalsAllowedToRetrieveManagedPassword = @() } }
    foreach ($dn in $account.PrincipalsAllowedToRetrieveManagedPassword) {
        if ($dn) { $principals.Add((Resolve-AdPrincipal -Ad $Ad -DistinguishedName ([string]$dn))) }
    }
    # json: domain.gmsa
    [ordered]@{
        requestedName = $GmsaName; found = $found; samAccountName = (ConvertTo-NullIfEmpty $account.SamAccountName)
        distinguishedName = (ConvertTo-NullIfEmpty $account.DistinguishedName); sid = (ConvertTo-NullIfEmpty $account.SID)
        principalsAllowedToRetrievePassword = $principals.ToArray()
    }
}

function Get-TransitiveGroups {
    # tokenGroups: every security group the principal belongs to, nested groups included.
    param([hashtable]$Ad, [string]$DistinguishedName)
    $object = Get-ADObject @Ad -Identity $DistinguishedName -Properties tokenGroups, objectSid
    $groups = New-Object System.Collections.Generic.List[object]
    foreach ($value in $object.tokenGroups) {
        $sid = [string]$value
        if ($value -is [byte[]]) { $sid = [System.Security.Principal.SecurityIdentifier]::new($value, 0).Value }
        # json: domain.groupMemberships[].groups[]
        $groups.Add([ordered]@{ name = (ConvertTo-AccountName $sid); sid = $sid })
    }
    $principalSid = [string]$object.objectSid
    # json: domain.groupMemberships[]
    [ordered]@{
        principal = (ConvertTo-AccountName $principalSid); sid = $principalSid; distinguishedName = $DistinguishedName
        method = 'tokenGroups'; groups = $groups.ToArray()
    }
}

function Get-GroupMembershipList {
    # The gMSA's and this computer's groups, to resolve ACL grants and password-retrieval rights made to groups.
    param([hashtable]$Ad, [string[]]$DistinguishedNames)
    $list = New-Object System.Collections.Generic.List[object]
    foreach ($dn in @($DistinguishedNames | Where-Object { $_ })) {
        $entry = Invoke-Probe -ProbeName 'domain.groupMemberships' -ProbeBody { Get-TransitiveGroups -Ad $Ad -DistinguishedName $dn }
        if ($null -ne $entry) { $list.Add($entry) }
    }
    , $list.ToArray()
}

function Test-DnInDomain {
    # True for the domain root itself or a syntactically valid DN below it, e.g. OU=Servers,DC=corp,DC=contoso,DC=com.
    param([string]$Dn, [string]$DomainDn)
    $rdn = '[A-Za-z][A-Za-z0-9-]*=(?:[^,\\]|\\.)+'
    $root = (@($DomainDn -split ',') | ForEach-Object { [regex]::Escape($_.Trim()) }) -join '\s*,\s*'
    $Dn -match ('^\s*(?:{0}\s*,\s*)*{1}\s*$' -f $rdn, $root)
}

function ConvertTo-RightsMask {
    # ActiveDirectoryRights as the unsigned 32-bit access mask (an [int] cast is negative when bit 31 is set).
    param($Rights)
    $mask = [long][int]$Rights
    if ($mask -lt 0) { $mask += 4294967296 }
    $mask
}

function Get-AccessRuleList {
    # Every ACE of the DACL, explicit and inherited, Allow and Deny: read as SIDs, each translated to DOMAIN\name
    # when it can be (the SID is kept alongside). AD caps a DACL at 64 KB, which bounds the list.
    param($Security)
    $list = New-Object System.Collections.Generic.List[object]
    foreach ($rule in @($Security.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier]))) {
        $sid = [string]$rule.IdentityReference.Value
        $identity = Get-CachedAccountName $sid
        if (-not $identity) { $identity = $sid }
        # json: domain.acls[].accessRules[]
        $list.Add([ordered]@{
                identityReference     = $identity
                sid                   = $sid
                activeDirectoryRights = (ConvertTo-RightsMask $rule.ActiveDirectoryRights)
                accessControlType     = $rule.AccessControlType.ToString()
                objectType            = $rule.ObjectType.ToString('D').ToLowerInvariant()
                inheritedObjectType   = $rule.InheritedObjectType.ToString('D').ToLowerInvariant()
                inheritanceType       = $rule.InheritanceType.ToString()
                isInherited           = [bool]$rule.IsInherited
            })
    }
    , $list.ToArray()
}

function Get-AclObject {
    # One object's DACL, read (never written) through its nTSecurityDescriptor. A failure (outside the domain, not
    # found, not readable) is reported on the object and in "errors"; the other objects are still read.
    param([hashtable]$Ad, [string]$DistinguishedName, [string]$Role, [string]$DomainDn)
    $protected = $null
    $rules = $null
    $failure = $null
    try {
        if (-not (Test-DnInDomain -Dn $DistinguishedName -DomainDn $DomainDn)) {
            throw ('not a distinguished name inside {0} (expected e.g. OU=Servers,{0})' -f $DomainDn)
        }
        $security = (Get-ADObject @Ad -Identity $DistinguishedName -Properties nTSecurityDescriptor).nTSecurityDescriptor
        if ($null -eq $security) { throw 'no security descriptor was returned: this account may not read the permissions of this object' }
        $protected = [bool]$security.AreAccessRulesProtected
        $rules = Get-AccessRuleList -Security $security
    } catch {
        $message = '{0}: {1}' -f $DistinguishedName, $_.Exception.Message
        Add-CollectorError -Probe 'domain.acls' -Message $message
        # json: domain.acls[].error
        $failure = [ordered]@{ probe = 'domain.acls'; message = $message }
    }
    # json: domain.acls[]
    [ordered]@{ distinguishedName = $DistinguishedName; role = $Role; protected = $protected; accessRules = $rules; error = $failure }
}

function Get-AclObjectList {
    # The domain root's DACL (what the gMSA ACL rules judge), then each -ScopeOU's; each object once.
    param([hashtable]$Ad, [string]$DomainDn)
    $targets = New-Object System.Collections.Generic.List[object]
    $targets.Add(@{ Dn = $DomainDn; Role = 'domainRoot' })
    foreach ($dn in @($ScopeOU | Where-Object { -not [string]::IsNullOrWhiteSpace($_) })) { $targets.Add(@{ Dn = $dn.Trim(); Role = 'scopeOU' }) }
    $seen = @{}
    $list = New-Object System.Collections.Generic.List[object]
    foreach ($target in $targets) {
        $key = ($target.Dn -replace '\s*,\s*', ',').ToLowerInvariant()
        if ($seen.ContainsKey($key)) { continue }
        $seen[$key] = $true
        $list.Add((Get-AclObject -Ad $Ad -DistinguishedName $target.Dn -Role $target.Role -DomainDn $DomainDn))
    }
    , $list.ToArray()
}

function Get-ExchangeSchemaVersion {
    # Exchange hybrid writeback needs an Exchange-extended schema: the rangeUpper of ms-Exch-Schema-Version-Pt.
    # Returns $null when the attribute does not exist (schema never extended for Exchange).
    param([hashtable]$Ad, [string]$SchemaDn)
    $attribute = @(Get-ADObject @Ad -SearchBase $SchemaDn -LDAPFilter '(cn=ms-Exch-Schema-Version-Pt)' -Properties rangeUpper)
    if ($attribute.Count -eq 0) { return $null }
    return [int]($attribute[0].rangeUpper)
}

function Get-DomainSection {
    Import-Module -Name ActiveDirectory -Verbose:$false
    $domain = Get-ADDomain -Current LocalComputer
    $ad = @{ Server = [string]$domain.DNSRoot }
    $rootDse = Get-ADRootDSE @ad
    $schema = Get-ADObject @ad -Identity $rootDse.schemaNamingContext -Properties objectVersion
    $domainLevel = (Get-ADObject @ad -Identity $domain.DistinguishedName -Properties 'msDS-Behavior-Version').'msDS-Behavior-Version'
    $forestLevel = (Get-ADObject @ad -Identity ('CN=Partitions,' + $rootDse.configurationNamingContext) -Properties 'msDS-Behavior-Version').'msDS-Behavior-Version'
    $onDc = ((Get-CimInstance -ClassName Win32_OperatingSystem).ProductType -eq 2)
    $collectedOn = Invoke-Probe -ProbeName 'domain.collectedOn' -ProbeBody { Get-CollectedOnInfo -OnDomainController $onDc }
    $localRsat = $null
    if ($null -ne $collectedOn) { $localRsat = $collectedOn.rsatAdPowerShell }
    $gmsa = Invoke-Probe -ProbeName 'domain.gmsa' -ProbeBody { Get-GmsaInfo -Ad $ad }
    # The computer's own domain: $ad.Server is the DNS root of Get-ADDomain -Current LocalComputer.
    $computer = Invoke-Probe -ProbeName 'domain.computer' -ProbeBody { Get-ADComputer @ad -Identity $env:COMPUTERNAME }
    $principals = @()
    if ($null -ne $gmsa -and $gmsa.found) { $principals += [string]$gmsa.distinguishedName }
    if ($null -ne $computer) { $principals += [string]$computer.DistinguishedName }
    # json: domain
    [ordered]@{
        dnsName               = [string]$domain.DNSRoot
        netbiosName           = [string]$domain.NetBIOSName
        distinguishedName     = [string]$domain.DistinguishedName
        forestName            = [string]$domain.Forest
        schemaVersion         = [int]$schema.objectVersion
        domainFunctionalLevel = [int]$domainLevel
        forestFunctionalLevel = [int]$forestLevel
        domainControllers     = (Invoke-Probe -ProbeName 'domain.domainControllers' -ProbeBody { Get-DomainControllerList -Ad $ad -LocalFqdn (Get-LocalFqdn) -OnDomainController $onDc -LocalRsat $localRsat })
        kdsRootKeys           = (Invoke-Probe -ProbeName 'domain.kdsRootKeys' -ProbeBody { Get-KdsRootKeyList })
        protectedObjects      = (Invoke-Probe -ProbeName 'domain.protectedObjects' -ProbeBody { Get-ProtectedObjectCounts -Ad $ad -DomainDn $domain.DistinguishedName })
        gmsa                  = $gmsa
        groupMemberships      = (Invoke-Probe -ProbeName 'domain.groupMemberships' -ProbeBody { Get-GroupMembershipList -Ad $ad -DistinguishedNames $principals })
        acls                  = (Invoke-Probe -ProbeName 'domain.acls' -ProbeBody { Get-AclObjectList -Ad $ad -DomainDn ([string]$domain.DistinguishedName) })
        exchangeSchemaVersion = (Invoke-Probe -ProbeName 'domain.exchangeSchemaVersion' -ProbeBody { Get-ExchangeSchemaVersion -Ad $ad -SchemaDn ([string]$rootDse.schemaNamingContext) })
        collectedOn           = $collectedOn
    }
}

# ---------------------------------------------------------------- main

Write-Host "$CollectorName $CollectorVersion is READ-ONLY: it changes nothing on this machine. It reads the registry, CIM/WMI, services and hotfixes, and opens outbound TCP connections for the network checks (through the WinHTTP proxy, if one is set: a CONNECT or HEAD request); with -IncludeDomain it reads Active Directory, including permissions, and changes nothing there either."

$tier0Value = $null
if ($PSBoundParameters.ContainsKey('Tier0')) { $tier0Value = [bool]$Tier0 }

# json: collector
$collectorInfo = [ordered]@{
    name = $CollectorName; version = $CollectorVersion; psVersion = $PSVersionTable.PSVersion.ToString()
    runAt = (ConvertTo-IsoUtc (Get-Date)); readOnly = $true; elevated = (Test-IsElevated)
}

# json: host.inventory
$inventory = [ordered]@{
    tier0 = $tier0Value; site = (ConvertTo-NullIfEmpty $Site); owner = (ConvertTo-NullIfEmpty $Owner)
    tags = @($Tag | Where-Object { -not [string]::IsNullOrWhiteSpace($_) } | ForEach-Object { $_.Trim() })
}

# json: host
$hostInfo = [ordered]@{
    identity         = (Invoke-Probe -ProbeName 'identity' -ProbeBody { Get-IdentityInfo })
    os               = (Invoke-Probe -ProbeName 'os' -ProbeBody { Get-OsInfo })
    domainMembership = (Invoke-Probe -ProbeName 'domainMembership' -ProbeBody { Get-DomainMembershipInfo })
    memory           = (Invoke-Probe -ProbeName 'memory' -ProbeBody { Get-MemoryInfo })
    dotnet           = (Invoke-Probe -ProbeName 'dotnet' -ProbeBody { Get-DotNetInfo })
    executionPolicy  = (Invoke-Probe -ProbeName 'executionPolicy' -ProbeBody { Get-ExecutionPolicyInfo })
    tls              = (Invoke-Probe -ProbeName 'tls' -ProbeBody { Get-TlsInfo })
    ntlm             = (Invoke-Probe -ProbeName 'ntlm' -ProbeBody { Get-NtlmInfo })
    services         = (Invoke-Probe -ProbeName 'services' -ProbeBody { Get-ServicesInfo })
    hotfixes         = (Invoke-Probe -ProbeName 'hotfixes' -ProbeBody { Get-HotfixInfo })
    agent            = (Invoke-Probe -ProbeName 'agent' -ProbeBody { Get-AgentInfo })
    network          = (Invoke-Probe -ProbeName 'network' -ProbeBody { Get-NetworkInfo })
    inventory        = $inventory
    firewall         = (Invoke-Probe -ProbeName 'firewall' -ProbeBody { Get-FirewallInfo })
}

# json: root
$report = [ordered]@{ schemaVersion = 2; collector = $collectorInfo; host = $hostInfo; domain = $null; errors = $null }
if ($IncludeDomain) { $report.domain = Invoke-Probe -ProbeName 'domain' -ProbeBody { Get-DomainSection } } else { $report.Remove('domain') }
$report.errors = $script:CollectorErrors.ToArray()

$json = ConvertTo-Json -InputObject $report -Depth 8
$fullPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath)
[System.IO.File]::WriteAllText($fullPath, $json, (New-Object System.Text.UTF8Encoding $false))
Write-Host ("Wrote {0} ({1} probe error(s)). Nothing on this machine was changed." -f $fullPath, $script:CollectorErrors.Count)
