package io.basehook.bootstrap;

import io.basehook.adapter.rest.RequestLimitsConfiguration;
import io.basehook.adapter.webhook.HttpTransportConfiguration;
import io.basehook.application.delivery.DeliverySettings;
import io.basehook.application.service.Limits;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.DefaultApplicationContext;
import io.micronaut.context.DefaultApplicationContextBuilder;
import io.micronaut.inject.BeanDefinitionReference;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts a context with the configuration records and the settings made from them, and nothing else: no database,
 * no server, no delivery loop. The records bind as at a real start, and what stops a real start stops this one.
 */
final class ConfigurationOnly {

    private static final Set<Class<?>> BEANS = Set.of(DeliveryConfiguration.class, LimitsConfiguration.class,
            RetentionConfiguration.class, HttpTransportConfiguration.class, RequestLimitsConfiguration.class,
            WebhookFactory.class, DeliverySettings.class, UseCaseFactory.class, Limits.class);

    private ConfigurationOnly() {
    }

    /** On top of application.yml, as at a real start. */
    static ApplicationContext start(Map<String, Object> properties) {
        return builder().properties(properties).start();
    }

    /** Without application.yml: the defaults the records give. */
    static ApplicationContext startWithoutApplicationYml() {
        return builder().enableDefaultPropertySources(false).start();
    }

    private static DefaultApplicationContextBuilder builder() {
        return new DefaultApplicationContextBuilder() {
            @Override
            protected ApplicationContext newApplicationContext() {
                return new DefaultApplicationContext(this) {
                    @Override
                    protected List<BeanDefinitionReference> resolveBeanDefinitionReferences() {
                        return super.resolveBeanDefinitionReferences().stream()
                                .filter(ConfigurationOnly::kept).toList();
                    }
                };
            }
        };
    }

    /** The beans above, and Micronaut's own that any context needs (events, conversion, scopes). */
    private static boolean kept(BeanDefinitionReference<?> reference) {
        String packageName = reference.getBeanType().getPackageName();
        return BEANS.contains(reference.getBeanType()) || packageName.startsWith("io.micronaut.context")
                || packageName.startsWith("io.micronaut.runtime");
    }
}
