global using Honeydipper.Testing;
