package org.parallelworkbench.ui.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes a worker bundle jar for a test: one DS component providing WorkProvider with a class of this fragment. */
final class WorkerJar {

    private WorkerJar() {
    }

    static Path write(Path file, String symbolicName, String version, String providerId, String providerName,
            Class<?> implementation) throws IOException {
        String component = "OSGI-INF/" + symbolicName + ".provider.xml";
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(new Attributes.Name("Bundle-ManifestVersion"), "2");
        main.put(new Attributes.Name("Bundle-SymbolicName"), symbolicName);
        main.put(new Attributes.Name("Bundle-Version"), version);
        main.put(new Attributes.Name("Bundle-Name"), "Generated test worker");
        main.put(new Attributes.Name("Bundle-Vendor"), "Parallel Workbench tests");
        main.put(new Attributes.Name("Import-Package"), "org.parallelworkbench.core;version=\"[0.4,0.5)\"");
        main.put(new Attributes.Name("Service-Component"), component);
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"" + symbolicName
                + ".provider\" activate=\"activate\">\n"
                + "  <property name=\"providerId\" value=\"" + providerId + "\"/>\n"
                + "  <property name=\"providerName\" value=\"" + providerName + "\"/>\n"
                + "  <service><provide interface=\"org.parallelworkbench.core.WorkProvider\"/></service>\n"
                + "  <implementation class=\"" + implementation.getName() + "\"/>\n"
                + "</scr:component>\n";
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(file), manifest);
                InputStream classBytes = implementation.getResourceAsStream(implementation.getSimpleName() + ".class")) {
            jar.putNextEntry(new JarEntry(component));
            jar.write(xml.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
            jar.putNextEntry(new JarEntry(implementation.getName().replace('.', '/') + ".class"));
            jar.write(classBytes.readAllBytes());
            jar.closeEntry();
        }
        return file;
    }
}
