package org.parallelworkbench.install.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.parallelworkbench.install.DeclaredProvider;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Reads Declarative Services component descriptions and picks the components that provide WorkProvider. */
public final class ComponentDescriptions {

    public static final String WORK_PROVIDER = "org.parallelworkbench.core.WorkProvider";
    public static final String SERVICE_COMPONENT = "Service-Component";

    /** Opens an entry of a bundle or jar by path, or returns null when there is none. */
    public interface Entries {
        InputStream open(String path) throws IOException;

        /** Entry paths in {@code folder} (ending in '/') whose last segment matches {@code pattern}. */
        List<String> list(String folder, Predicate<String> namePattern) throws IOException;
    }

    private ComponentDescriptions() {
    }

    /**
     * The WorkProvider components that the {@code Service-Component} header's files declare.
     *
     * @param problems receives one message per file that is missing or cannot be read
     */
    public static List<DeclaredProvider> providers(String serviceComponentHeader, Entries entries, List<String> problems) {
        List<DeclaredProvider> providers = new ArrayList<>();
        for (HeaderClauses.Clause clause : HeaderClauses.parse(serviceComponentHeader).clauses()) {
            for (String path : clause.paths()) {
                for (String file : expand(path, entries, problems)) {
                    try (InputStream in = entries.open(file)) {
                        if (in == null) {
                            problems.add("Service-Component names " + file + ", which the bundle does not contain");
                        } else {
                            providers.addAll(read(in));
                        }
                    } catch (IOException | SAXException | ParserConfigurationException e) {
                        problems.add("cannot read the component description " + file + ": " + e.getMessage());
                    }
                }
            }
        }
        return providers;
    }

    private static List<String> expand(String path, Entries entries, List<String> problems) {
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        if (!name.contains("*")) {
            return List.of(path);
        }
        Pattern pattern = Pattern.compile(("\\Q" + name + "\\E").replace("*", "\\E.*\\Q"));
        try {
            return entries.list(path.substring(0, slash + 1), n -> pattern.matcher(n).matches());
        } catch (IOException e) {
            problems.add("cannot list " + path + ": " + e.getMessage());
            return List.of();
        }
    }

    static List<DeclaredProvider> read(InputStream in) throws IOException, SAXException, ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        Document document = builder.parse(in);
        List<DeclaredProvider> providers = new ArrayList<>();
        NodeList components = document.getElementsByTagNameNS("*", "component");
        for (int i = 0; i < components.getLength(); i++) {
            Element component = (Element) components.item(i);
            if (providesWorkProvider(component)) {
                Element implementation = firstChild(component, "implementation");
                String className = implementation == null ? "" : implementation.getAttribute("class");
                String name = component.getAttribute("name");
                providers.add(new DeclaredProvider(name.isEmpty() ? className : name, className));
            }
        }
        return providers;
    }

    private static boolean providesWorkProvider(Element component) {
        NodeList provides = component.getElementsByTagNameNS("*", "provide");
        for (int i = 0; i < provides.getLength(); i++) {
            if (WORK_PROVIDER.equals(((Element) provides.item(i)).getAttribute("interface"))) {
                return true;
            }
        }
        return false;
    }

    private static Element firstChild(Element parent, String localName) {
        NodeList children = parent.getElementsByTagNameNS("*", localName);
        return children.getLength() == 0 ? null : (Element) children.item(0);
    }
}
