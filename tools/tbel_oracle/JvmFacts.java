// Writes, as JSON, the facts about ThingsBoard's TBEL engine that tbkit's TBEL compiler needs to choose
// methods as MVEL does (ParseTools.getBestCandidate): for each class a script can call, Class.getMethods() in the
// JVM's order with parameter and return types; which of those classes is assignable to which; which conversions
// DataConversion.canConvert allows; the names TbUtils.register imports; and the first type argument of each
// parameterized method result (typeArgs), and the methods without parameters of the classes MVEL's compiler gives
// maps and collections (getters). Run it on the TBEL reference runner's
// classpath (see Makefile: tbel-jvm-facts); the output is tbkit/converters/tbel/jvm_facts.json.
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

public class JvmFacts {
    static final String[] OWNERS = {
        "java.lang.String", "java.lang.Math", "java.lang.StrictMath", "java.lang.Integer", "java.lang.Long",
        "java.lang.Double", "java.lang.Float", "java.lang.Short", "java.lang.Byte", "java.lang.Boolean",
        "java.lang.Character", "java.lang.Object",
        "org.thingsboard.script.api.tbel.TbUtils", "org.thingsboard.common.util.NumberUtils",
        "org.thingsboard.script.api.tbel.TbDate", "org.thingsboard.script.api.tbel.TbJson",
        "org.mvel2.execution.ExecutionArrayList", "org.mvel2.execution.ExecutionHashMap",
        "org.mvel2.execution.ExecutionLinkedHashSet", "org.mvel2.execution.ExecutionEntry", "java.util.Arrays",
    };
    static final String[] VALUE_CLASSES = {
        "java.lang.Number", "java.lang.CharSequence", "java.lang.Comparable", "java.util.Collection", "java.util.List",
        "java.util.Map", "java.util.Set", "java.util.ArrayList", "java.util.HashMap", "java.util.LinkedHashMap",
        "java.math.BigDecimal", "java.math.BigInteger", "org.mvel2.util.NullType", "[I", "[J", "[D", "[F", "[S",
        "[Z", "[C", "[B", "[Ljava.lang.String;", "[Ljava.lang.Object;", "[Ljava.lang.Integer;", "[Ljava.lang.Byte;",
    };

    // classes MVEL's compiler gives an inline map or list, a Map/List/Set/Collection declaration or a method result
    static final String[] COMPILE_CLASSES = {
        "java.util.HashMap", "java.util.ArrayList", "java.util.Map", "java.util.List", "java.util.Set",
        "java.util.Collection",
    };

    // PropertyVerifier.returnGenericType records the type arguments of a method's parameterized generic return type
    // (ParserContext.setLastTypeParameters); a later property of a map or collection that is no member of its class
    // takes the first as its Class. That argument: "class:" + its name, or the class of the Type (TypeVariableImpl,
    // WildcardTypeImpl, ParameterizedTypeImpl); null when the generic return type is not parameterized.
    static String typeArg(Method m) {
        java.lang.reflect.Type r = m.getGenericReturnType();
        if (!(r instanceof java.lang.reflect.ParameterizedType)) return null;
        java.lang.reflect.Type[] a = ((java.lang.reflect.ParameterizedType) r).getActualTypeArguments();
        if (a.length == 0) return null;
        return a[0] instanceof Class ? "class:" + ((Class<?>) a[0]).getName() : a[0].getClass().getName();
    }

    static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static Class<?> load(String name) throws ClassNotFoundException {
        switch (name) {
            case "int": return int.class;
            case "long": return long.class;
            case "double": return double.class;
            case "float": return float.class;
            case "short": return short.class;
            case "byte": return byte.class;
            case "char": return char.class;
            case "boolean": return boolean.class;
            default: return Class.forName(name);
        }
    }

    public static void main(String[] args) throws Exception {
        Set<Class<?>> classes = new LinkedHashSet<>();
        StringBuilder sb = new StringBuilder("{\"methods\": {");
        for (int o = 0; o < OWNERS.length; o++) {
            Class<?> c = load(OWNERS[o]);
            classes.add(c);
            sb.append(o == 0 ? "" : ",").append("\n ").append(q(OWNERS[o])).append(": [");
            Method[] ms = c.getMethods();
            for (int i = 0; i < ms.length; i++) {
                Method m = ms[i];
                sb.append(i == 0 ? "" : ",").append("\n  [").append(q(m.getName())).append(", [");
                Class<?>[] ps = m.getParameterTypes();
                for (int p = 0; p < ps.length; p++) {
                    sb.append(p == 0 ? "" : ", ").append(q(ps[p].getName()));
                    classes.add(ps[p]);
                }
                classes.add(m.getReturnType());
                classes.add(m.getDeclaringClass());
                int flags = (Modifier.isStatic(m.getModifiers()) ? 1 : 0) | (m.isVarArgs() ? 2 : 0);
                sb.append("], ").append(q(m.getReturnType().getName())).append(", ").append(flags).append(", ")
                    .append(q(m.getDeclaringClass().getName())).append("]");
            }
            sb.append("]");
        }
        sb.append("},\n\"imports\": {");
        org.mvel2.ParserConfiguration pc = org.mvel2.ParserContext.enableSandboxedMode();
        pc.addImport("JSON", org.thingsboard.script.api.tbel.TbJson.class);
        org.thingsboard.script.api.tbel.TbUtils.register(pc);
        boolean first = true;
        for (Map.Entry<String, Object> e : new TreeMap<>(pc.getImports()).entrySet()) {
            Object v = e.getValue();
            String d;
            if (v instanceof org.mvel2.util.MethodStub) {
                org.mvel2.util.MethodStub s = (org.mvel2.util.MethodStub) v;
                d = "stub:" + s.getClassReference().getName() + "#" + s.getMethodName();
            } else if (v instanceof Class) {
                d = "class:" + ((Class<?>) v).getName();
            } else {
                d = "other:" + v.getClass().getName();
            }
            sb.append(first ? "" : ",").append("\n ").append(q(e.getKey())).append(": ").append(q(d));
            first = false;
        }
        for (String v : VALUE_CLASSES) classes.add(load(v));
        List<Class<?>> all = new ArrayList<>(classes);
        sb.append("},\n\"supertypes\": {");
        for (int i = 0; i < all.size(); i++) {
            Class<?> c = all.get(i);
            sb.append(i == 0 ? "" : ",").append("\n ").append(q(c.getName())).append(": [");
            boolean f2 = true;
            for (Class<?> d : all) {
                if (d != c && d.isAssignableFrom(c)) {
                    sb.append(f2 ? "" : ", ").append(q(d.getName()));
                    f2 = false;
                }
            }
            sb.append("]");
        }
        sb.append("},\n\"canConvert\": {");
        for (int i = 0; i < all.size(); i++) {
            Class<?> to = all.get(i);
            sb.append(i == 0 ? "" : ",").append("\n ").append(q(to.getName())).append(": [");
            boolean f2 = true;
            for (Class<?> from : all) {
                boolean ok;
                try {
                    ok = org.mvel2.DataConversion.canConvert(to, from);
                } catch (Throwable t) {
                    ok = false;
                }
                if (ok) {
                    sb.append(f2 ? "" : ", ").append(q(from.getName()));
                    f2 = false;
                }
            }
            sb.append("]");
        }
        sb.append("},\n\"typeArgs\": {");
        List<String> owners = new ArrayList<>(List.of(OWNERS));
        owners.addAll(List.of(COMPILE_CLASSES));
        for (int o = 0; o < owners.size(); o++) {
            sb.append(o == 0 ? "" : ",").append("\n ").append(q(owners.get(o))).append(": [");
            boolean f2 = true;
            for (Method m : load(owners.get(o)).getMethods()) {
                String a = typeArg(m);
                if (a == null) continue;
                sb.append(f2 ? "" : ", ").append("[").append(q(m.getName())).append(", ")
                    .append(m.getParameterCount()).append(", ").append(q(a)).append("]");
                f2 = false;
            }
            sb.append("]");
        }
        sb.append("},\n\"getters\": {");
        for (int o = 0; o < COMPILE_CLASSES.length; o++) {
            sb.append(o == 0 ? "" : ",").append("\n ").append(q(COMPILE_CLASSES[o])).append(": [");
            boolean f2 = true;
            for (Method m : load(COMPILE_CLASSES[o]).getMethods()) {
                if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0) continue;
                sb.append(f2 ? "" : ", ").append("[").append(q(m.getName())).append(", ")
                    .append(q(m.getReturnType().getName())).append("]");
                f2 = false;
            }
            sb.append("]");
        }
        sb.append("}}\n");
        System.out.print(sb);
    }
}
