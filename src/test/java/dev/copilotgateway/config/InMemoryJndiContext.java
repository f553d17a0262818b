package dev.copilotgateway.config;

import java.lang.reflect.Proxy;
import java.util.Map;
import javax.naming.Context;
import javax.naming.NameNotFoundException;

/** A read-only JNDI context over a map, standing in for Tomcat's {@code java:comp/env} in unit tests. */
final class InMemoryJndiContext {

    private InMemoryJndiContext() {
    }

    static Context of(Map<String, Object> entries) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("lookup") && args.length == 1 && args[0] instanceof String name) {
                        if (!entries.containsKey(name)) {
                            throw new NameNotFoundException(name);
                        }
                        return entries.get(name);
                    }
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
