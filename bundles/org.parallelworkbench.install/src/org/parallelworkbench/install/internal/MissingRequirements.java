package org.parallelworkbench.install.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.resource.Capability;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;

/**
 * The requirements of an unresolved bundle that no installed bundle offers, worked out through the wiring
 * API so the answer does not depend on how a framework words its resolver errors.
 * <p>
 * A capability counts when any installed bundle declares it, resolved or not: a package offered by a
 * bundle that cannot resolve either is that bundle's problem, reported for it.
 */
public final class MissingRequirements {

    /** One requirement nobody offers; {@code name} is the package or bundle name, {@code range} as written. */
    public record Missing(String namespace, String name, String range, String filter) {

        /** "package com.example.absent [1.0,2.0)", "bundle com.example.lib", … */
        public String describe() {
            String what = switch (namespace) {
                case BundleRevision.PACKAGE_NAMESPACE -> "package " + name;
                case BundleRevision.BUNDLE_NAMESPACE -> "bundle " + name;
                case "osgi.ee" -> "execution environment " + filter;
                default -> namespace + " " + filter;
            };
            return range.isEmpty() || range.equals("0.0.0") ? what : what + " " + range;
        }
    }

    private static final Pattern NAME_IN_FILTER = Pattern.compile("\\((osgi\\.wiring\\.(?:package|bundle))=([^)]+)\\)");

    private MissingRequirements() {
    }

    public static List<Missing> of(Bundle bundle, Bundle[] installed) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return List.of();
        }
        List<Capability> offered = new ArrayList<>();
        for (Bundle other : installed) {
            if (other.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            BundleRevision otherRevision = other.adapt(BundleRevision.class);
            if (otherRevision != null) {
                offered.addAll(otherRevision.getCapabilities(null));
            }
            BundleWiring wiring = other.adapt(BundleWiring.class);
            if (wiring != null) {
                offered.addAll(wiring.getCapabilities(null));
            }
        }
        List<Missing> missing = new ArrayList<>();
        for (Requirement requirement : revision.getRequirements(null)) {
            if (!mandatoryForResolution(requirement)) {
                continue;
            }
            String filterText = requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
            if (filterText == null || isOffered(requirement.getNamespace(), filterText, offered)) {
                continue;
            }
            missing.add(describe(bundle, requirement.getNamespace(), filterText));
        }
        return missing;
    }

    private static boolean mandatoryForResolution(Requirement requirement) {
        Map<String, String> directives = requirement.getDirectives();
        String effective = directives.getOrDefault(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE, Namespace.EFFECTIVE_RESOLVE);
        String resolution = directives.getOrDefault(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE, Namespace.RESOLUTION_MANDATORY);
        return Namespace.EFFECTIVE_RESOLVE.equals(effective) && Namespace.RESOLUTION_MANDATORY.equals(resolution);
    }

    private static boolean isOffered(String namespace, String filterText, List<Capability> offered) {
        Filter filter;
        try {
            filter = FrameworkUtil.createFilter(filterText);
        } catch (InvalidSyntaxException e) {
            return false;
        }
        for (Capability capability : offered) {
            if (capability.getNamespace().equals(namespace) && filter.matches(capability.getAttributes())) {
                return true;
            }
        }
        return false;
    }

    private static Missing describe(Bundle bundle, String namespace, String filter) {
        Matcher matcher = NAME_IN_FILTER.matcher(filter);
        if (!matcher.find()) {
            return new Missing(namespace, "", "", filter);
        }
        String name = matcher.group(2);
        String header = BundleRevision.PACKAGE_NAMESPACE.equals(namespace) ? Constants.IMPORT_PACKAGE : Constants.REQUIRE_BUNDLE;
        String versionAttribute = BundleRevision.PACKAGE_NAMESPACE.equals(namespace) ? Constants.VERSION_ATTRIBUTE
                : Constants.BUNDLE_VERSION_ATTRIBUTE;
        HeaderClauses.Clause clause = HeaderClauses.parse(bundle.getHeaders("").get(header)).find(name);
        String range = clause == null ? "" : clause.attributes().getOrDefault(versionAttribute, "");
        return new Missing(namespace, name, range, filter);
    }
}
