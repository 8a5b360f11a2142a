// These tests run bash scripts, helm and kubectl for Linux: they are Linux-only, as the images and charts they check.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
